package io.anycalltaxi.registermember;

import java.time.Clock;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.anycalltaxi.core.card.CardProcessor;
import io.anycalltaxi.core.card.CardRejected;
import io.anycalltaxi.core.card.CardToken;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.MemberCardUpdated;
import io.anycalltaxi.core.events.MemberRegistered;
import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDocument;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.security.Actor;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.web.InvalidRequest;
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
    private final MemberDirectory directory;
    private final CardProcessor cards;
    private final MemberOutbox outbox;
    private final Clock clock;

    MemberRegistry(MongoOperations mongo, MemberDirectory directory, CardProcessor cards, MemberOutbox outbox,
            Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.cards = cards;
        this.outbox = outbox;
        this.clock = clock;
    }

    @PostConstruct
    void phoneIsUnique() {
        mongo.indexOps(MemberDocument.class).ensureIndex(new Index().on("phone", Sort.Direction.ASC).unique());
    }

    /** @param signingUp the sign-up token's actor: the phone it proved is the only one it may register */
    Member register(SignupForm form, Actor signingUp) {
        SignupForm.Signup signup = form.validate(YearMonth.now(clock));
        if (!signup.phone().e164().equals(signingUp.phone())) {
            throw Callers.forbidden("a sign-up token registers the phone it was issued for, and no other");
        }
        CardOnFile card = tokenize(signup.card());
        Member member = new Member(UUID.randomUUID().toString(), signup.name(), signup.phone().e164(),
                signup.friendPhone().e164(), signup.language(), card, clock.instant());
        MemberOutbox.Entry registered = MemberOutbox.entry("member-" + member.memberId(), EventType.MEMBER_REGISTERED,
                member.memberId(), new MemberRegistered(member.memberId(), member.name(), member.phoneNumber().masked()),
                member.registeredAt());
        Document stored = new Document();
        mongo.getConverter().write(MemberDocument.of(member), stored);
        stored.put(MemberOutbox.FIELD, List.of(outboxEntry(registered)));
        try {
            mongo.insert(stored, mongo.getCollectionName(MemberDocument.class));
        } catch (DuplicateKeyException taken) {
            throw new RequestRefused(HttpStatus.CONFLICT, "Phone already registered",
                    "the phone number " + signup.phone().masked() + " is already registered");
        }
        log.info("member {} registered, phone {}, card ending {}", member.memberId(), signup.phone().masked(),
                card.last4());
        outbox.publish(member.memberId(), registered);
        return member;
    }

    /**
     * Puts a new card on file. A trip waiting on a declined card is charged again: end-trip-pay hears
     * of the new card now, or once the outbox relay publishes it if the broker did not take it.
     */
    CardOnFile replaceCard(String memberId, CardForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        form.validate("", YearMonth.now(clock), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        if (directory.find(memberId).isEmpty()) {
            throw unknown(memberId);
        }
        CardOnFile card = tokenize(form);
        MemberOutbox.Entry updated = MemberOutbox.entry("card-" + UUID.randomUUID(), EventType.MEMBER_CARD_UPDATED,
                memberId, new MemberCardUpdated(memberId, card.brand(), card.last4()), clock.instant());
        Update newCard = Update.update("card", card).push(MemberOutbox.FIELD, outboxEntry(updated));
        if (mongo.updateFirst(query(where("_id").is(memberId)), newCard, MemberDocument.class).getMatchedCount() == 0) {
            throw unknown(memberId);
        }
        log.info("member {} replaced the card on file, now ending {}", memberId, card.last4());
        outbox.publish(memberId, updated);
        return card;
    }

    static RequestRefused unknown(String memberId) {
        return new RequestRefused(HttpStatus.NOT_FOUND, "Unknown member", "No member " + memberId);
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

    private Document outboxEntry(MemberOutbox.Entry entry) {
        Document stored = new Document();
        mongo.getConverter().write(entry, stored);
        return stored;
    }
}
