package io.inkstream.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.inkstream.platform.web.ClientAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks HTTP Basic logins. An unknown login costs the same password hash as a known one, and
 * both fail with the same answer, so a failure tells nothing of which logins exist.
 *
 * <p>Failures are counted per login and client address, and per client address: a guesser is
 * slowed to a crawl (429 with Retry-After) where it guesses from, while the owner of the login,
 * from anywhere else, still logs in; and one address spraying many logins is slowed as well.
 * An attempt takes its token before the hash is checked (and gets it back on success), so a
 * hundred attempts at once cannot all slip through while the first are being checked.
 *
 * <p>Hashes are checked on a few threads of their own with a bounded queue: a flood of logins
 * costs those threads and no more, and past the queue an attempt is turned away at once
 * (503) rather than making every later login wait behind it.
 */
public class LoginGuard implements ReactiveAuthenticationManager {

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final String unknownLoginHash;
    private final Bandwidth perLogin;
    private final Bandwidth perAddress;
    private final Scheduler hashing;
    private final Cache<String, Bucket> failures = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(15)).maximumSize(200_000).build();

    /**
     * @param failuresPerMinute failures one login may have from one address in a minute
     * @param addressFailuresPerMinute failures one address may have, whatever the logins, in a minute
     * @param hashThreads password hashes checked at once
     * @param hashQueue attempts that may wait for a hash thread
     */
    public LoginGuard(Credentials credentials, PasswordEncoder passwords, long failuresPerMinute,
            long addressFailuresPerMinute, int hashThreads, int hashQueue) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.unknownLoginHash = passwords.encode("no login has this password " + System.nanoTime());
        this.perLogin = perMinute(failuresPerMinute);
        this.perAddress = perMinute(addressFailuresPerMinute);
        this.hashing = Schedulers.newBoundedElastic(hashThreads, hashQueue, "password-hash", 60, true);
    }

    private static Bandwidth perMinute(long failures) {
        return Bandwidth.builder().capacity(failures).refillGreedy(failures, Duration.ofMinutes(1)).build();
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
        return Mono.deferContextual(context -> {
            String address = context.getOrDefault(ClientAddress.CONTEXT_KEY, "unknown");
            String login = attempt.getName();
            Bucket pair = failures.get("login\n" + login + "\n" + address, k -> Bucket.builder().addLimit(perLogin).build());
            Bucket from = failures.get("address\n" + address, k -> Bucket.builder().addLimit(perAddress).build());
            if (!pair.tryConsume(1)) {
                return Mono.error(throttled(pair));
            }
            if (!from.tryConsume(1)) {
                pair.addTokens(1);
                return Mono.error(throttled(from));
            }
            return check(login, String.valueOf(attempt.getCredentials()))
                    .doOnNext(ok -> {
                        pair.addTokens(1);
                        from.addTokens(1);
                    });
        });
    }

    private static ThrottledException throttled(Bucket bucket) {
        long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return new ThrottledException(Math.max(1, (wait + 999_999_999) / 1_000_000_000));
    }

    private Mono<Authentication> check(String login, String password) {
        return credentials.findByUsername(login)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                // The hash is slow by design: never on an event loop, and only so many at once.
                .publishOn(hashing)
                .onErrorMap(RejectedExecutionException.class,
                        busy -> new AuthenticationServiceException("too many logins being checked", busy))
                .flatMap(found -> {
                    String hash = found.map(UserDetails::getPassword).orElse(unknownLoginHash);
                    boolean matches = passwords.matches(password, hash);
                    if (found.isPresent() && matches) {
                        UserDetails user = found.get();
                        return Mono.<Authentication>just(UsernamePasswordAuthenticationToken.authenticated(
                                user, null, user.getAuthorities()));
                    }
                    return Mono.error(new BadCredentialsException("Invalid credentials"));
                });
    }
}
