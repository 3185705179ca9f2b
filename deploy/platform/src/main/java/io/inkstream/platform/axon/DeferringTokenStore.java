package io.inkstream.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * A token store whose {@link #storeToken} waits for the batch's {@link BatchedWrites}, so a
 * token is never stored ahead of the writes of the events it covers.
 *
 * <p>It also skips extending a claim this node refreshed less than {@link #FRESH} ago. A
 * tracking processor extends its claim before every batch and stores its token after it: two
 * round trips a batch, where one keeps the claim just as alive (others take a claim only once
 * it is {@code claimTimeout}, 10 s, old), and storing the token still fails if the claim was
 * lost. Everything else goes straight to the store it wraps.
 */
public class DeferringTokenStore implements TokenStore {

    /** Whether this node holds the claim on a processor's segment, as the store has it now. */
    public interface Claims {
        boolean ours(String processorName, int segment);
    }

    /** How recently a claim must have been refreshed for an extension to be skipped. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private final TokenStore store;
    private final Claims claims;
    private final LongSupplier nanoTime;
    /** When each claim of this node was last refreshed in the store, by processor and segment. */
    private final Map<String, Long> refreshed = new ConcurrentHashMap<>();

    public DeferringTokenStore(TokenStore store) {
        this(store, (processorName, segment) -> false);
    }

    public DeferringTokenStore(TokenStore store, Claims claims) {
        this(store, claims, System::nanoTime);
    }

    DeferringTokenStore(TokenStore store, Claims claims, LongSupplier nanoTime) {
        this.store = store;
        this.claims = claims;
        this.nanoTime = nanoTime;
    }

    private static String claim(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        String claim = claim(processorName, segment);
        BatchedWrites.afterWrites(() -> {
            long at = nanoTime.getAsLong();
            try {
                store.storeToken(token, processorName, segment);
            } catch (UnableToClaimTokenException e) {
                // axon-mongo reads "no document changed" as "claimed elsewhere"; the same token
                // stored twice within a millisecond changes nothing. Only a claim we lost is one.
                if (!claims.ours(processorName, segment)) {
                    refreshed.remove(claim);
                    throw e;
                }
            }
            refreshed.put(claim, at);
        });
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    /** Claims the segment, as axon's token stores do when a processor fetches its token. */
    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return claimed(processorName, segment, () -> store.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return claimed(processorName, segment.getSegmentId(), () -> store.fetchToken(processorName, segment));
    }

    private TrackingToken claimed(String processorName, int segment, Supplier<TrackingToken> fetch) {
        long at = nanoTime.getAsLong();
        TrackingToken token = fetch.get();
        refreshed.put(claim(processorName, segment), at);
        return token;
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        String claim = claim(processorName, segment);
        long at = nanoTime.getAsLong();
        Long last = refreshed.get(claim);
        if (last != null && at - last < FRESH.toNanos()) {
            return;
        }
        try {
            store.extendClaim(processorName, segment);
        } catch (UnableToClaimTokenException e) {
            refreshed.remove(claim);
            throw e;
        }
        refreshed.put(claim, at);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        refreshed.remove(claim(processorName, segment));
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        refreshed.remove(claim(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}
