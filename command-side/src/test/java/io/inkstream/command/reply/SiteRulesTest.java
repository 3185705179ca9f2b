package io.inkstream.command.reply;

import io.inkstream.api.Actor;
import io.inkstream.api.Refusal;
import io.inkstream.api.reply.ChangeModerationRulesCommand;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.ModerationRulesChanged;
import io.inkstream.command.Refused;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class SiteRulesTest {

    private static final Actor ADMIN = new Actor("admin", true);
    private static final ModerationRules RULES = new ModerationRules(2, List.of("casino"), List.of("@spam.example"));

    private final AggregateTestFixture<SiteRules> fixture = new AggregateTestFixture<>(SiteRules.class);

    @Test
    void anAdminSetsTheRulesAsAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new ChangeModerationRulesCommand(RULES, ADMIN))
                .expectEvents(new ModerationRulesChanged(RULES));
        fixture.given(new ModerationRulesChanged(RULES))
                .when(new ChangeModerationRulesCommand(ModerationRules.NONE, ADMIN))
                .expectEvents(new ModerationRulesChanged(ModerationRules.NONE));
    }

    @Test
    void theRulesInForceAgainStoreNothing() {
        fixture.given(new ModerationRulesChanged(RULES))
                .when(new ChangeModerationRulesCommand(new ModerationRules(2, List.of("CASINO "), List.of("@spam.example")), ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nobodyButAnAdminChangesThem() {
        fixture.givenNoPriorActivity()
                .when(new ChangeModerationRulesCommand(RULES, new Actor("jon-ingham", false)))
                .expectException(Refused.by(Refusal.Forbidden.class, "not-the-owner"))
                .expectNoEvents();
    }

    @Test
    void badRulesAreRefusedFieldByField() {
        fixture.givenNoPriorActivity()
                .when(new ChangeModerationRulesCommand(new ModerationRules(-1, List.of("two words"), List.of("nobody")), ADMIN))
                .expectException(Refused.by(Refusal.Invalid.class, "invalid-fields"))
                .expectExceptionMessage("3 fields are invalid.")
                .expectNoEvents();
    }
}
