package io.anycalltaxi.bench;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.anycalltaxi.local.LocalStack;

/**
 * What every measurement works with: the running stack, the public API through its gateway,
 * create-call reached directly, the database, and members ready to call.
 */
record Stage(LocalStack stack, Api gateway, Api createCall, MongoTemplate mongo, Members members) {

    /** Lets the broker deliver everything already sent, so one measurement does not pay for the last. */
    void settle() throws InterruptedException {
        stack.broker().awaitDelivered(java.time.Duration.ofMinutes(5));
    }
}
