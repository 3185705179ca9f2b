package io.inkstream.command.reply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.inkstream.platform.web.RequestRefused;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Anonymous replies per client address: a token bucket of {@code INKSTREAM_ANONYMOUS_REPLY_LIMIT}
 * replies a minute (default 10), refilled evenly. Authors and admins are not limited. Buckets of
 * addresses unseen for ten minutes are forgotten, so memory stays bounded.
 */
@Component
class FloodControl {

    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    FloodControl(@Value("${inkstream.anonymous-reply-limit:10}") long perMinute) {
        this.perMinute = perMinute;
    }

    /** The policy's name in the {@code RateLimit} headers. */
    static final String POLICY = "anonymous-replies";

    /**
     * Takes one reply from the address's allowance, or throws a refusal with the seconds until
     * one is. Either way the answer says the policy and what is left of it ({@code RateLimit-Policy}
     * and {@code RateLimit} of the IETF httpapi draft): {@code r} replies left, {@code t} seconds
     * until the allowance is whole again.
     */
    void admit(String address, HttpHeaders answer) {
        Bucket bucket = buckets.get(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long left = probe.getRemainingTokens();
        long whole = (long) Math.ceil((perMinute - left) * 60.0 / perMinute);
        answer.set("RateLimit-Policy", "\"" + POLICY + "\";q=" + perMinute + ";w=60");
        answer.set("RateLimit", "\"" + POLICY + "\";r=" + left + ";t=" + whole);
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
            throw new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "too-many-replies",
                    "Too many anonymous replies from your address; retry in " + retryAfter + " s, or log in.", retryAfter);
        }
    }
}
