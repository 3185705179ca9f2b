package io.inkstream.command.auth;

import io.inkstream.platform.security.Tokens;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Trades credentials for a signed token valid one hour, accepted by every side. */
@RestController
class TokenController {

    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/auth/token")
    Mono<Tokens.Issued> issue() {
        return ReactiveSecurityContextHolder.getContext().map(context -> tokens.issue(context.getAuthentication()));
    }
}
