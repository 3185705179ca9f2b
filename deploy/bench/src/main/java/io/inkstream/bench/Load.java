package io.inkstream.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The load generator: HTTP requests and server-sent-event subscribers, from this process only. */
final class Load {

    private static final Pattern REPLY_ID = Pattern.compile("\"replyId\"\\s*:\\s*\"([^\"]+)\"");

    private Load() {
    }

    /** A client that keeps at most {@code connections} connections open. */
    static WebClient client(int port, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("bench-" + connections).maxConnections(connections)
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofMinutes(2)).build();
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool))).build();
    }

    /** Successful calls per second, with {@code concurrency} calls in flight at all times. */
    static double closedLoop(int concurrency, Duration duration, Supplier<Mono<?>> call) {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Flux.range(0, concurrency)
                .flatMap(i -> Mono.defer(call)
                        .doOnSuccess(x -> ok.incrementAndGet())
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            return Mono.empty();
                        })
                        .repeat(() -> System.nanoTime() < end), concurrency)
                .blockLast();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > ok.get() / 100) {
            throw new IllegalStateException(failed.get() + " calls failed, " + ok.get() + " succeeded");
        }
        return ok.get() / seconds;
    }

    /** Starts {@code rate} calls a second for {@code duration}, whether or not earlier ones have answered. */
    static long openLoop(double rate, Duration duration, Supplier<Mono<?>> call) {
        long count = (long) (rate * duration.toMillis() / 1000);
        AtomicLong failed = new AtomicLong();
        Flux.interval(Duration.ofNanos((long) (1e9 / rate)))
                .onBackpressureDrop()
                .take(count)
                .flatMap(i -> Mono.defer(call).onErrorResume(e -> {
                    failed.incrementAndGet();
                    return Mono.empty();
                }), 4096)
                .blockLast();
        return failed.get();
    }

    /**
     * Subscribes to a thread's live stream; {@code onReply} gets each added reply's id as it
     * arrives, {@code onSnapshot} fires once the snapshot is in.
     */
    static Disposable watch(WebClient client, String postId, Runnable onSnapshot, Consumer<String> onReply) {
        return client.get().uri("/posts/{postId}/replies", postId).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .subscribe(event -> {
                    if ("snapshot".equals(event.event())) {
                        onSnapshot.run();
                    } else if ("reply-added".equals(event.event()) && event.data() != null) {
                        Matcher id = REPLY_ID.matcher(event.data());
                        if (id.find()) {
                            onReply.accept(id.group(1));
                        }
                    }
                }, error -> System.err.println("a live stream failed: " + error));
    }

    static String replyId(Map<?, ?> answer) {
        return String.valueOf(answer.get("replyId"));
    }

    /** The {@code p}th percentile (0..100) of {@code values}, which it sorts. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int index = (int) Math.ceil(p / 100 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }
}
