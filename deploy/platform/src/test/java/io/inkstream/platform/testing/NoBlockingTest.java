package io.inkstream.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class NoBlockingTest {

    @Test
    void sleepingOnAParallelWorkerIsCaught() {
        NoBlocking.install();
        NoBlocking.forget();
        Throwable error = Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                })
                .subscribeOn(Schedulers.parallel())
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block();
        assertThat(error).isNotNull();
        assertThat(NoBlocking.violations()).anySatisfy(v -> assertThat(v).contains("sleep"));
        NoBlocking.forget();
    }

    @Test
    void aTestThatBlockedAnEventLoopFailsAndTheNextStartsClean() {
        NoBlocking.Watch watch = new NoBlocking.Watch();
        watch.beforeAll(null);
        NoBlocking.forget();
        Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                })
                .subscribeOn(Schedulers.parallel())
                .onErrorResume(e -> Mono.empty())
                .block();
        assertThatThrownBy(() -> watch.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("blocking calls on event-loop threads").hasMessageContaining("sleep");
        watch.afterEach(null);
    }
}
