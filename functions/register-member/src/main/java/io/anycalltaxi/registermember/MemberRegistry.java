package io.anycalltaxi.registermember;

import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.anycalltaxi.core.card.CardProcessor;
import io.anycalltaxi.core.card.CardRejected;
import io.anycalltaxi.core.card.CardToken;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.MemberRegistered;
import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.web.RequestRefused;
import jakarta.annotation.PostConstruct;

/**
 * Registers members. The card goes to the card processor and only its token, brand and last four
 * digits are kept; a phone number belongs to one member.
 */
@Service
class MemberRegistry {

    private static final Logger log = LoggerFactory.getLogger(MemberRegistry.class);

    private final MongoOperations mongo;
    private final CardProcessor cards;
    private final EventPublisher publisher;
    private final EventFactory events;
    private final Clock clock;

    MemberRegistry(MongoOperations mongo, CardProcessor cards, EventPublisher publisher, EventFactory events,
            Clock clock) {
        this.mongo = mongo;
        this.cards = cards;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
    }

    @PostConstruct
    void phoneIsUnique() {
        mongo.indexOps(Member.class).ensureIndex(new Index().on("phone", Sort.Direction.ASC).unique());
    }

    Member register(SignupForm form) {
        SignupForm.Signup signup = form.validate(YearMonth.now(clock));
        CardOnFile card = tokenize(signup.card());
        Member member = new Member(UUID.randomUUID().toString(), signup.name(), signup.phone().e164(),
                signup.friendPhone().e164(), signup.language(), card, clock.instant());
        try {
            mongo.insert(member);
        } catch (DuplicateKeyException taken) {
            throw new RequestRefused(HttpStatus.CONFLICT, "Phone already registered",
                    "the phone number " + signup.phone().masked() + " is already registered");
        }
        log.info("member {} registered, phone {}, card ending {}", member.memberId(), signup.phone().masked(),
                card.last4());
        announce(member);
        return member;
    }

    private CardOnFile tokenize(CardForm form) {
        CardToken token;
        try {
            token = cards.tokenize(form.details());
        } catch (CardRejected rejected) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "Card rejected", "card " + rejected.getMessage());
        }
        return new CardOnFile(token.token(), token.brand(), token.last4(), form.expMonth(), form.expYear());
    }

    /** Best effort: the member is registered whether or not the broker hears of it now. */
    private void announce(Member member) {
        try {
            publisher.publish(events.event("member-" + member.memberId(), EventType.MEMBER_REGISTERED,
                    member.memberId(), new MemberRegistered(member.memberId(), member.name(),
                            member.phoneNumber().masked()), member.registeredAt()));
        } catch (TemporarilyUnavailable e) {
            log.warn("member {} registered, but member.registered was not published: {}", member.memberId(),
                    e.getMessage());
        }
    }
}
