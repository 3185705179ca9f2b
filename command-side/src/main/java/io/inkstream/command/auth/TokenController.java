package io.inkstream.command.auth;

import io.inkstream.api.Refusal;
import io.inkstream.platform.security.TokenRevocations;
import io.inkstream.platform.security.Tokens;
import io.inkstream.platform.web.ApiAnswers;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Trades a password for a signed token valid one hour, accepted by every side; and revokes a
 * login's tokens. A token never buys another: a stolen one then ends with its hour.
 */
@RestController
record TokenController(Tokens tokens, TokenRevocations revocations) {

    record Revoked(String login, Instant revokedBefore) {
    }

    @PostMapping("/auth/token")
    Mono<Tokens.Issued> issue() {
        return caller().map(auth -> {
            if (!(auth instanceof UsernamePasswordAuthenticationToken)) {
                throw new Refusal.Forbidden("password-required", "A new token is issued for the password only: send HTTP Basic.");
            }
            return tokens.issue(auth);
        });
    }

    /** Every token of the caller's login issued up to now is refused from now on, on every side. */
    @PostMapping("/auth/revoke")
    Mono<Revoked> revoke() {
        return caller().flatMap(auth -> revocations.revoke(auth.getName())
                .map(before -> new Revoked(auth.getName(), before)));
    }

    private static Mono<Authentication> caller() {
        return ReactiveSecurityContextHolder.getContext().map(context -> context.getAuthentication());
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers tokenAnswers() {
        return ApiAnswers.of(t -> {
            t.on("POST", "/auth/token").answers(200, Tokens.Issued.class).refuses(401);
            t.on("POST", "/auth/revoke").answers(200, Revoked.class).refuses(401);
        });
    }
}
