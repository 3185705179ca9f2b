package io.inkstream.command.reply;

import io.inkstream.api.reply.ChangeModerationRulesCommand;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.command.Commands;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The site's moderation rules, an admin's command (reading them is the query side's). */
@RestController
class RulesController {

    private final Commands commands;

    RulesController(Commands commands) {
        this.commands = commands;
    }

    /** Answers the rules as stored: words and emails lower-cased, each once. */
    @PutMapping("/admin/moderation/rules")
    Mono<ModerationRules> change(@RequestBody ModerationRules rules, ServerWebExchange exchange) {
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new ChangeModerationRulesCommand(rules, requester.actor()),
                        requester))
                .thenReturn(rules);
    }

    /** What this operation answers (the OpenAPI document). */
    @Bean
    static ApiAnswers rulesAnswers() {
        return ApiAnswers.of(t -> t.on("PUT", "/admin/moderation/rules").answers(200, ModerationRules.class)
                .refuses(400, 401, 403));
    }
}
