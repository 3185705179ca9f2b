package io.inkstream.standalone;

import io.inkstream.api.reply.ReplyAdded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;

/**
 * A handler of the thread read model that cannot apply one kind of reply: its stack overflows,
 * as rendering a hostile body once did, until it is cured. Every other reply passes by it.
 */
@TestComponent
@ProcessingGroup("threads")
class PoisonPill {

    static final String BODY = "a reply no handler can apply";
    /** Set once the test has seen the pill parked: a retry then applies it, as after a fix. */
    static volatile boolean cured;

    @EventHandler
    void on(ReplyAdded reply) {
        if (BODY.equals(reply.body()) && !cured) {
            recurse(0);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
