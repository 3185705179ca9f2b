package io.inkstream.command.author;

import io.inkstream.api.AuthorId;
import io.inkstream.api.author.RegisterAuthorCommand;
import io.inkstream.api.author.UpdateAuthorProfileCommand;
import io.inkstream.command.Commands;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class AuthorController {

    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 72; // BCrypt reads no further than 72 bytes

    private final Commands commands;
    private final PasswordEncoder passwords;

    AuthorController(Commands commands, PasswordEncoder passwords) {
        this.commands = commands;
        this.passwords = passwords;
    }

    record Registration(String authorId, String displayName, String password, String bio, String contact) {
    }

    record ProfileChange(String displayName, String bio, String contact) {
    }

    record AuthorVersion(String authorId, long version) {
    }

    @PostMapping("/authors")
    Mono<ResponseEntity<AuthorVersion>> register(@RequestBody Registration body, ServerWebExchange exchange) {
        String password = body.password();
        // Every field's error at once, before the password's hash costs anything.
        Author.registration(body.authorId(), body.displayName(), body.bio(), body.contact())
                .check(password != null && password.length() >= PASSWORD_MIN && password.length() <= PASSWORD_MAX,
                        "password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters")
                .orThrow();
        AuthorId id = new AuthorId(body.authorId());
        return Requester.of(exchange)
                .flatMap(requester -> commands.offload(() -> passwords.encode(password))
                        .flatMap(hash -> commands.<Long>send(new RegisterAuthorCommand(id, body.displayName(), hash,
                                body.bio(), body.contact(), requester.actor()), requester)))
                .map(version -> ResponseEntity.created(URI.create("/authors/" + id))
                        .body(new AuthorVersion(id.value(), version)));
    }

    @PatchMapping("/authors/{authorId}")
    Mono<AuthorVersion> update(@PathVariable String authorId, @RequestBody ProfileChange body, ServerWebExchange exchange) {
        AuthorId id = AuthorId.parse(authorId);
        return Requester.of(exchange)
                .flatMap(requester -> commands.<Long>send(new UpdateAuthorProfileCommand(id, body.displayName(),
                        body.bio(), body.contact(), requester.actor()), requester))
                .map(version -> new AuthorVersion(id.value(), version));
    }

    /** What these operations answer (the OpenAPI document). */
    @Bean
    static ApiAnswers authorAnswers() {
        return ApiAnswers.of(t -> {
            t.on("POST", "/authors").answers(201, AuthorVersion.class).located("/authors/{authorId}")
                    .refuses(400, 401, 403, 409);
            t.on("PATCH", "/authors/{authorId}").answers(200, AuthorVersion.class).refuses(400, 401, 403, 404);
        });
    }
}
