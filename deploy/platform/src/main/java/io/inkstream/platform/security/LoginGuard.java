package io.inkstream.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks HTTP Basic logins. An unknown login costs the same password hash as a known one, and
 * both fail with the same answer, so a failure tells nothing of which logins exist. After
 * {@code failuresPerMinute} failures one login is refused for a while (429 with Retry-After),
 * which slows guessing to a crawl without locking the real owner out for long.
 */
public class LoginGuard implements ReactiveAuthenticationManager {

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final String unknownLoginHash;
    private final long failuresPerMinute;
    private final Cache<String, Bucket> failures = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(15)).maximumSize(100_000).build();

    public LoginGuard(Credentials credentials, PasswordEncoder passwords, long failuresPerMinute) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.unknownLoginHash = passwords.encode("no login has this password " + System.nanoTime());
        this.failuresPerMinute = failuresPerMinute;
    }

    /** Too many failed logins for one login name; the entry point answers 429. */
    public static class ThrottledException extends AuthenticationException {

        private final long retryAfterSeconds;

        ThrottledException(long retryAfterSeconds) {
            super("too many failed logins");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String login = attempt.getName();
        String password = String.valueOf(attempt.getCredentials());
        Bucket bucket = failures.get(login, l -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(failuresPerMinute).refillGreedy(failuresPerMinute, Duration.ofMinutes(1)).build()).build());
        if (bucket.getAvailableTokens() < 1) {
            long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            return Mono.error(new ThrottledException(Math.max(1, (wait + 999_999_999) / 1_000_000_000)));
        }
        return credentials.findByUsername(login)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                // The hash is slow by design: never on an event loop.
                .publishOn(Schedulers.boundedElastic())
                .flatMap(found -> {
                    String hash = found.map(UserDetails::getPassword).orElse(unknownLoginHash);
                    boolean matches = passwords.matches(password, hash);
                    if (found.isPresent() && matches) {
                        UserDetails user = found.get();
                        return Mono.<Authentication>just(UsernamePasswordAuthenticationToken.authenticated(
                                user, null, user.getAuthorities()));
                    }
                    bucket.tryConsume(1);
                    return Mono.error(new BadCredentialsException("Invalid credentials"));
                });
    }
}
