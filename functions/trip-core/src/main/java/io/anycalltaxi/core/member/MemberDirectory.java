package io.anycalltaxi.core.member;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoOperations;

/** Looks members up for the functions acting on their behalf. */
public class MemberDirectory {

    private final MongoOperations mongo;

    public MemberDirectory(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Optional<Member> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, MemberDocument.class)).map(MemberDocument::member);
    }

    public Optional<Member> withPhone(PhoneNumber phone) {
        return Optional.ofNullable(mongo.findOne(query(where("phone").is(phone.e164())), MemberDocument.class))
                .map(MemberDocument::member);
    }
}
