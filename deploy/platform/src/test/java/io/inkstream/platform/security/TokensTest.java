package io.inkstream.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class TokensTest {

    private static final String SECRET = "a secret shared by every side of one deployment";

    private final ReactiveJwtDecoder decoder = new SecurityConfig().jwtDecoder(TokenKey.resolve(SECRET, null));

    @Test
    void everySideAcceptsATokenSignedWithTheSharedSecret() {
        String token = Tokens.withSecret(SECRET, Clock.systemUTC()).issue(UsernamePasswordAuthenticationToken
                .authenticated("ada", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")))).token();

        Jwt jwt = decoder.decode(token).block();

        assertThat(jwt.getSubject()).isEqualTo("ada");
        assertThat(jwt.getClaimAsStringList(Tokens.ROLES_CLAIM)).containsExactly("ADMIN");
        // Kept as issued: our issuer is a name, not a URL.
        assertThat(jwt.getClaims().get("iss")).isEqualTo("inkstream");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String token = Tokens.withSecret("another deployment's secret", Clock.systemUTC()).issue(
                UsernamePasswordAuthenticationToken.authenticated("ada", null, List.of())).token();

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }
}
