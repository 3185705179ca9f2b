package io.inkstream.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
}
