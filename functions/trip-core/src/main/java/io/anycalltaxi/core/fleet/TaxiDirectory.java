package io.anycalltaxi.core.fleet;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.member.PhoneNumber;

/** Looks the onboarded taxis up. */
public class TaxiDirectory {

    private final MongoOperations mongo;

    public TaxiDirectory(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Optional<OnboardedTaxi> drivenBy(PhoneNumber phone) {
        return Optional.ofNullable(mongo.findOne(query(where("driverPhone").is(phone.e164())), OnboardedTaxi.class));
    }
}
