package io.inkstream.platform.eventstore;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * A token store whose {@link #storeToken} waits for the batch's {@link BatchedWrites}, so a
 * token is never stored ahead of the writes of the events it covers. Everything else goes
 * straight to the store it wraps.
 */
public class DeferringTokenStore implements TokenStore {

    /** Whether this node holds the claim on a processor's segment, as the store has it now. */
    public interface Claims {
        boolean ours(String processorName, int segment);
    }

    private final TokenStore store;
    private final Claims claims;

    public DeferringTokenStore(TokenStore store) {
        this(store, (processorName, segment) -> false);
    }

    public DeferringTokenStore(TokenStore store, Claims claims) {
        this.store = store;
        this.claims = claims;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        BatchedWrites.afterWrites(() -> {
            try {
                store.storeToken(token, processorName, segment);
            } catch (UnableToClaimTokenException e) {
                // axon-mongo reads "no document changed" as "claimed elsewhere"; the same token
                // stored twice within a millisecond changes nothing. Only a claim we lost is one.
                if (!claims.ours(processorName, segment)) {
                    throw e;
                }
            }
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

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return store.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return store.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        store.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
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
