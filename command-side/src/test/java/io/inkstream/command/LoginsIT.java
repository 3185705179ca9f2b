package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Logins under attack: failures are counted where they come from, so a guesser is stopped and
 * the owner, elsewhere, is not; and a token never buys another. Clients are told apart by
 * {@code X-Forwarded-For}, which the test's loopback "proxy" is trusted to set.
 */
@TestPropertySource(properties = "inkstream.trusted-proxies=127.0.0.1")
class LoginsIT extends CommandSideTest {

    @LocalServerPort
    int port;

    String author() {
        String author = "login-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", author, "displayName", "Login", "password", "s3cret-pass"))
                .exchange().expectStatus().isCreated();
        return author;
    }

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    /** A client address no other test of this class uses, so their failure counts never mix. */
    static String address() {
        return "198.51.100." + ADDRESSES.incrementAndGet();
    }

    WebTestClient.ResponseSpec token(String login, String password, String from) {
        return http.post().uri("/auth/token").header("X-Forwarded-For", from)
                .headers(h -> h.setBasicAuth(login, password)).exchange();
    }

    @Test
    void aGuesserIsStoppedWhereItGuessesFromAndTheOwnerLogsInFromElsewhere() {
        for (String login : List.of(author(), "admin")) {
            String password = login.equals("admin") ? "admin-secret" : "s3cret-pass";
            String guesser = address();
            for (int i = 0; i < 5; i++) {
                token(login, "guess-" + i, guesser).expectStatus().isUnauthorized();
            }
            token(login, password, guesser).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader().exists("Retry-After");
            token(login, password, "192.0.2.7").expectStatus().isOk();
        }
    }

    @Test
    void oneAddressTryingManyLoginsIsStopped() {
        String sprayer = address();
        long start = System.nanoTime();
        int checked = 0;
        HttpStatusCode answer;
        // 20 failures a minute from one address, refilled evenly: one more every 3 s of the run.
        while ((answer = token("nobody-" + checked + "-" + UUID.randomUUID(), "Winter2026!", sprayer)
                .returnResult(Void.class).getStatus()).value() == 401 && checked < 100) {
            checked++;
        }
        long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds() / 3 + 1;
        assertThat(answer.value()).isEqualTo(429);
        assertThat(checked).isBetween(20, 20 + (int) refilled);
    }

    @Test
    void attemptsAtOnceAreCountedBeforeTheyAreChecked() {
        String author = author();
        String from = address();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<HttpStatusCode> answers = Flux.range(0, 30)
                .flatMap(i -> client.post().uri("/auth/token").header("X-Forwarded-For", from)
                        .headers(h -> h.setBasicAuth(author, "guess-" + i))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode())), 30)
                .collectList().block(Duration.ofSeconds(60));
        // Whatever order they came in, five were checked; the others were turned away unchecked.
        assertThat(answers).filteredOn(s -> s.value() == 401).hasSize(5);
        assertThat(answers).filteredOn(s -> s.value() == 429).hasSize(25);
    }

    @Test
    void aTokenBuysNoOtherAndRevokedTokensAreRefused() {
        String author = author();
        String token = token(author, "s3cret-pass", address()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        http.post().uri("/auth/token").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
        http.patch().uri("/authors/{id}", author).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("bio", "still valid")).exchange().expectStatus().isOk();
        http.post().uri("/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        http.patch().uri("/authors/{id}", author).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("bio", "revoked")).exchange().expectStatus().isUnauthorized();
    }
}
