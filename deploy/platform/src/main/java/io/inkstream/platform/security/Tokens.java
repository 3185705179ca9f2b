package io.inkstream.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.SecretKey;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Issues the signed bearer tokens of {@code POST /auth/token}. */
public class Tokens {

    public static final String ROLES_CLAIM = "roles";
    public static final String ISSUER = "inkstream";
    public static final Duration VALIDITY = Duration.ofHours(1);

    private final JwtEncoder encoder;
    private final Clock clock;

    public Tokens(JwtEncoder encoder, Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Tokens signed with the key {@code INKSTREAM_TOKEN_SECRET} names, as every side accepts them. */
    public static Tokens withSecret(String secret, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a token secret is needed");
        }
        return signedWith(TokenKey.resolve(secret, null), clock);
    }

    static Tokens signedWith(SecretKey key, Clock clock) {
        return new Tokens(new NimbusJwtEncoder(new ImmutableSecret<>(key)), clock);
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(Authentication auth) {
        Instant now = clock.instant();
        Instant expires = now.plus(VALIDITY);
        List<String> roles = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .toList();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(auth.getName())
                .issuedAt(now)
                .expiresAt(expires)
                .claim(ROLES_CLAIM, roles)
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Issued(token, expires);
    }
}
