package io.inkstream.command.privacy;

import io.inkstream.api.privacy.EraseCommenterCommand;
import io.inkstream.command.Commands;
import io.inkstream.command.Fields;
import io.inkstream.platform.privacy.CommenterKeys;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The right to erasure, an admin's command: {@code POST /admin/erasure {email}}. */
@RestController
record ErasureController(Commands commands, CommenterKeys keys) {

    record Erasure(String email) {
    }

    /** How many replies of theirs were erased; asked again, the same answer, and nothing new happens. */
    record Erased(String email, long replies) {
    }

    @PostMapping("/admin/erasure")
    Mono<Erased> erase(@RequestBody Erasure body, ServerWebExchange exchange) {
        new Fields().required("email", body.email(), 254).email("email", body.email()).orThrow();
        String email = body.email();
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(
                        new EraseCommenterCommand(keys.of(email), email, requester.actor()), requester))
                .map(replies -> new Erased(email, replies));
    }

    /** What this operation answers (the OpenAPI document). */
    @Bean
    static ApiAnswers erasureAnswers() {
        return ApiAnswers.of(t -> t.on("POST", "/admin/erasure").answers(200, Erased.class).refuses(400, 401, 403));
    }
}
