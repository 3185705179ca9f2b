package io.inkstream.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClients;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.inkstream.platform.testing.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class TokensTest {

    private static final String SECRET = "a secret shared by every side of one deployment";
    private static final SecretKey KEY = TokenKey.resolve(SECRET, null);

    private final TokenRevocations revocations = new TokenRevocations(
            MongoClients.create(TestMongo.uri()).getDatabase("tokens-" + UUID.randomUUID().toString().substring(0, 8)),
            Clock.systemUTC());
    private final ReactiveJwtDecoder decoder = new SecurityConfig().jwtDecoder(KEY, revocations);

    private static String issue(String login, Clock clock) {
        return Tokens.withSecret(SECRET, clock).issue(UsernamePasswordAuthenticationToken
                .authenticated(login, null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")))).token();
    }

    /** A token signed with our key whose claims are ours but for what {@code change} does. */
    private static String forged(UnaryOperator<JwtClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(Tokens.ISSUER).subject("ada").issuedAt(now)
                .expiresAt(now.plus(Tokens.VALIDITY)).claim(Tokens.ROLES_CLAIM, List.of("ADMIN"));
        return new NimbusJwtEncoder(new ImmutableSecret<>(KEY)).encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(), change.apply(claims).build())).getTokenValue();
    }

    @Test
    void everySideAcceptsATokenSignedWithTheSharedSecret() {
        Jwt jwt = decoder.decode(issue("ada", Clock.systemUTC())).block();

        assertThat(jwt.getSubject()).isEqualTo("ada");
        assertThat(jwt.getClaimAsStringList(Tokens.ROLES_CLAIM)).containsExactly("ADMIN");
        // Kept as issued: our issuer is a name, not a URL.
        assertThat(jwt.getClaims().get("iss")).isEqualTo("inkstream");
        assertThat(decoder.decode(forged(c -> c)).block().getSubject()).isEqualTo("ada");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String token = Tokens.withSecret("another deployment's secret", Clock.systemUTC()).issue(
                UsernamePasswordAuthenticationToken.authenticated("ada", null, List.of())).token();

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void tokensWithoutExpiryFromAnotherIssuerOrFromTheFutureAreRefused() {
        Instant now = Instant.now();
        List<String> refused = List.of(
                forged(c -> c.claims(claims -> claims.remove("exp"))),
                forged(c -> c.issuer("someone-else")),
                forged(c -> c.issuedAt(now.plus(Duration.ofMinutes(10))).expiresAt(now.plus(Duration.ofMinutes(70)))),
                forged(c -> c.issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minusSeconds(30))),
                forged(c -> c.claims(claims -> claims.remove("iat"))));
        for (String token : refused) {
            assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void revokingRefusesEveryTokenIssuedBeforeAndNoneAfter() {
        String login = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        String old = issue(login, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-2)));
        assertThat(decoder.decode(old).block().getSubject()).isEqualTo(login);

        revocations.revoke(login).block();

        assertThatThrownBy(() -> decoder.decode(old).block()).isInstanceOf(JwtException.class);
        String fresh = issue(login, Clock.fixed(Instant.now().plusSeconds(1), ZoneOffset.UTC));
        assertThat(decoder.decode(fresh).block().getSubject()).isEqualTo(login);
        assertThat(decoder.decode(issue("someone-else", Clock.systemUTC())).block()).isNotNull();
    }
}
