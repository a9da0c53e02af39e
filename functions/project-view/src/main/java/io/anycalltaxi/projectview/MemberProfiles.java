package io.anycalltaxi.projectview;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.MemberRegistered;
import io.cloudevents.CloudEvent;

/** The members as the view shows them (name, masked phone), from {@code member.registered}. */
@Component
@HandlesEvent(EventType.MEMBER_REGISTERED)
public class MemberProfiles implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final MongoOperations mongo;

    public MemberProfiles(EventData data, MongoOperations mongo) {
        this.data = data;
        this.mongo = mongo;
    }

    @Document("member_profiles")
    public record Profile(@Id String memberId, String name, String phoneMasked) {
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        MemberRegistered registered = data.read(event, MemberRegistered.class);
        mongo.save(new Profile(registered.memberId(), registered.name(), registered.phoneMasked()));
        return null;
    }

    Optional<Profile> of(String memberId) {
        return memberId == null ? Optional.empty() : Optional.ofNullable(mongo.findById(memberId, Profile.class));
    }
}
