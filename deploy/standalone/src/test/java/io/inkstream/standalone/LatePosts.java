package io.inkstream.standalone;

import io.inkstream.api.post.PostPublished;
import io.inkstream.query.ReadModels;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Holds back the posts' projection of a post whose title starts with {@link #TITLE}, as a busy
 * machine would: its page can be asked for well before it is written.
 */
@TestConfiguration(proxyBeanMethods = false)
class LatePosts {

    static final String TITLE = "Projected late: ";
    static final long DELAY_MS = 700;

    @Bean
    ConfigurerModule latePosts() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerHandlerInterceptor(
                ReadModels.POST_GROUP, config -> (unitOfWork, chain) -> {
                    if (unitOfWork.getMessage().getPayload() instanceof PostPublished published
                            && published.title().startsWith(TITLE)) {
                        Thread.sleep(DELAY_MS);
                    }
                    return chain.proceed();
                }));
    }
}
