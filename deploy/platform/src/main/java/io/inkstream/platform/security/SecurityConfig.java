package io.inkstream.platform.security;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.platform.web.Problems;
import io.inkstream.platform.web.StreamObservations;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;


/**
 * The roles of the API: anyone reads and replies; authors change their own profile, posts and
 * replies; ADMIN does everything, and alone registers authors and sees {@code /admin}. Who owns
 * what is decided by the aggregates; here only whether a caller must be known at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    /** The API serves JSON, not pages: nothing may be loaded, framed or sniffed. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    static final String SWAGGER_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** What only ADMIN may reach. */
    static final String[] ADMIN_PATHS = {"/admin", "/admin/**", "/actuator/**"};
    /** Reads that need a caller beside ADMIN's: an author's drafts, the moderation queue. */
    static final String[] CALLERS_READS = {"/authors/*/drafts", "/moderation", "/moderation/**"};

    /** Reads without credentials of anything but a private path: public, to any cache too ({@link HttpCaching}). */
    static final ServerWebExchangeMatcher PUBLIC_READS = new AndServerWebExchangeMatcher(
            new OrServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/**"),
                    ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, "/**")),
            exchange -> exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION)
                    ? MatchResult.notMatch() : MatchResult.match(),
            new NegatedServerWebExchangeMatcher(new OrServerWebExchangeMatcher(
                    ServerWebExchangeMatchers.pathMatchers(ADMIN_PATHS),
                    ServerWebExchangeMatchers.pathMatchers(CALLERS_READS))));

    @Bean
    SecurityWebFilterChain securityChain(ServerHttpSecurity http, Problems problems, ReactiveJwtDecoder jwtDecoder,
            LoginGuard logins, @Value("${inkstream.cors-origins:}") List<String> corsOrigins, Environment environment) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> {
            if (e instanceof LoginGuard.ThrottledException throttled) {
                exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                return problems.write(exchange, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                        "Too many failed logins", "Too many failed logins from this address; retry later."));
            }
            if (e instanceof AuthenticationServiceException) {
                exchange.getResponse().getHeaders().set("Retry-After", "1");
                return problems.write(exchange, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                        "Service unavailable", "Logins cannot be checked right now; retry later."));
            }
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"inkstream\"");
            return problems.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Unauthenticated", "Send valid credentials: HTTP Basic, or a bearer token from POST /auth/token."));
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange,
                Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this."));
        return common(http, corsOrigins, API_POLICY)
                .httpBasic(basic -> basic.authenticationManager(logins).authenticationEntryPoint(unauthenticated))
                .oauth2ResourceServer(oauth -> oauth
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden)
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(roles())))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeExchange(auth -> auth
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // OPTIONS tells no data: a browser's preflight carries no credentials, and CORS
                        // answers it (allowed or not); a plain one gets the methods a path allows.
                        .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        // The actuator's own port is for the scraper and the probes, and is kept
                        // off every public route (deploy/README.md): no credentials there.
                        .matchers(onManagementPort(environment)).permitAll()
                        .pathMatchers(ADMIN_PATHS).hasRole("ADMIN")
                        // Private reads: a draft list is its author's; everything else read is public.
                        .pathMatchers(HttpMethod.GET, CALLERS_READS).authenticated()
                        .pathMatchers(HttpMethod.GET, "/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/posts/*/replies").permitAll()
                        .pathMatchers(HttpMethod.POST, "/authors").hasRole("ADMIN")
                        .anyExchange().authenticated())
                .build();
    }

    /**
     * Requests that came in on the actuator's own port, where it has one: Boot names the port
     * it listens on ({@code local.management.port}) once it has started it, and names the API's
     * port so too when the actuator shares it, which is then no port of its own.
     */
    private static ServerWebExchangeMatcher onManagementPort(Environment environment) {
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            String port = environment.getProperty("local.management.port");
            boolean own = port != null && !port.equals(environment.getProperty("local.server.port"));
            return !own || local == null || !String.valueOf(local.getPort()).equals(port)
                    ? MatchResult.notMatch() : MatchResult.match();
        };
    }

    /**
     * Requests Spring Security's firewall refuses (encoded slashes, dots or NUL in the path,
     * malformed header values) get a problem+json answer, not an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(Problems problems) {
        return (exchange, rejected) -> problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST,
                "rejected-request", "Rejected request", "The request's path or headers hold characters not accepted here."));
    }

    /**
     * Public live streams ({@code GET /posts...} as server-sent events) need no caller: they
     * skip the authentication and authorization filters, whose operators would otherwise stay
     * on the heap for as long as each stream is open. They keep the same headers and CORS.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain publicStreams(ServerHttpSecurity http,
            @Value("${inkstream.cors-origins:}") List<String> corsOrigins) {
        ServerWebExchangeMatcher streams = new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/posts", "/posts/**"),
                exchange -> StreamObservations.isStream(exchange.getRequest()) ? MatchResult.match()
                        : MatchResult.notMatch());
        return withoutCaller(http, streams, corsOrigins, API_POLICY);
    }

    /**
     * Reads without credentials (most of a blog's traffic) skip the authentication and
     * authorization filters too: every read is public but a draft list, the moderation queue,
     * {@code /admin} and {@code /actuator}, which keep the main chain and its 401. A request with
     * an {@code Authorization} header takes the main chain, so a bad credential is still refused
     * and an author still reads their drafts.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SecurityWebFilterChain publicReads(ServerHttpSecurity http,
            @Value("${inkstream.cors-origins:}") List<String> corsOrigins) {
        return withoutCaller(http, PUBLIC_READS, corsOrigins, API_POLICY);
    }

    /**
     * Swagger UI is the one HTML the service serves, and needs its own scripts and styles: it
     * gets a policy that allows this origin's files and nothing else. Public, like every GET.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain swaggerUi(ServerHttpSecurity http,
            @Value("${inkstream.cors-origins:}") List<String> corsOrigins) {
        ServerWebExchangeMatcher pages = ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/swagger-ui.html",
                "/swagger-ui/**", "/webjars/swagger-ui/**");
        return withoutCaller(http, pages, corsOrigins, SWAGGER_POLICY);
    }

    /** A chain for public requests: no authentication, no authorization, the common rest. */
    private static SecurityWebFilterChain withoutCaller(ServerHttpSecurity http, ServerWebExchangeMatcher requests,
            List<String> corsOrigins, String policy) {
        return common(http.securityMatcher(requests), corsOrigins, policy)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .build();
    }

    /** What every request gets: CORS, the security headers, and no session. */
    private static ServerHttpSecurity common(ServerHttpSecurity http, List<String> corsOrigins, String policy) {
        return http
                .cors(cors -> cors.configurationSource(cors(corsOrigins)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // Stateless: every request carries its credentials. Without these the request
                // cache opened a web session per request, whose id is made off the event loop and
                // handed back on a parallel worker: two thread hops per request, and the rest of
                // the request then ran where waiting on any lock fails it.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable);
    }

    /** Only the configured origins, never a wildcard: browsers send credentials with these calls. */
    private static CorsConfigurationSource cors(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = origins.stream().map(String::strip).filter(o -> !o.isEmpty() && !o.equals("*")).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(allowed);
            config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            config.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
                    "Idempotency-Key", "X-Correlation-Id"));
            config.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-Correlation-Id", "Link",
                    "RateLimit", "RateLimit-Policy"));
            config.setAllowCredentials(true);
            source.registerCorsConfiguration("/**", config);
        }
        return source;
    }

    private static ReactiveJwtAuthenticationConverterAdapter roles() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Tokens.ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * No observation per security filter: a dozen of them per request, each with its context,
     * cost CPU on every command and stayed on the heap for as long as a live stream is open.
     * Requests are still observed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    Credentials credentials(MongoDatabase reactiveMongoDatabase, PasswordEncoder encoder,
            @Value("${inkstream.admin.password:}") String password,
            @Value("${inkstream.admin.default-password:}") String defaultPassword) {
        UserDetails admin = null;
        if (!password.isBlank()) {
            admin = adminWith(encoder, password);
        } else if (!defaultPassword.isBlank()) {
            log.warn("INKSTREAM_ADMIN_PASSWORD is not set: the admin login uses the default password '{}'. "
                    + "Set INKSTREAM_ADMIN_PASSWORD before anyone else can reach this server.", defaultPassword);
            admin = adminWith(encoder, defaultPassword);
        } else {
            log.warn("INKSTREAM_ADMIN_PASSWORD is not set: the admin login is disabled");
        }
        return new Credentials(reactiveMongoDatabase, admin);
    }

    private static UserDetails adminWith(PasswordEncoder encoder, String password) {
        return User.withUsername(Credentials.ADMIN_LOGIN).password(encoder.encode(password)).roles("ADMIN").build();
    }

    @Bean
    LoginGuard loginGuard(Credentials credentials, PasswordEncoder encoder,
            @Value("${inkstream.login-failures-per-minute:5}") long failuresPerMinute,
            @Value("${inkstream.address-login-failures-per-minute:20}") long addressFailuresPerMinute,
            @Value("${inkstream.password-hash-threads:2}") int hashThreads,
            @Value("${inkstream.password-hash-queue:64}") int hashQueue) {
        return new LoginGuard(credentials, encoder, failuresPerMinute, addressFailuresPerMinute, hashThreads, hashQueue);
    }

    @Bean
    SecretKey tokenKey(@Value("${inkstream.token.secret:}") String secret,
            @Value("${inkstream.token.secret-file:}") String secretFile) {
        return TokenKey.resolve(secret, secretFile);
    }

    @Bean
    TokenRevocations tokenRevocations(MongoDatabase reactiveMongoDatabase) {
        return new TokenRevocations(reactiveMongoDatabase, Clock.systemUTC());
    }

    /**
     * Accepts only our own tokens as we issue them: signed with our key, from our issuer, with an
     * expiry (passed by at most {@link #CLOCK_SKEW}), issued for a login at a time not in the
     * future, and not revoked since.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecretKey tokenKey, TokenRevocations revocations) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(tokenKey)
                .macAlgorithm(MacAlgorithm.HS256).build();
        // Our issuer is a name, not a URL: Spring's default tried it as a URL on every request
        // and built (then dropped) an exception each time.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, iss -> iss)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(Tokens.ISSUER),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                        iat -> iat != null && !iat.isAfter(Instant.now().plus(CLOCK_SKEW)))));
        return token -> decoder.decode(token).flatMap(jwt -> revocations.revoked(jwt.getSubject(), jwt.getIssuedAt())
                .flatMap(revoked -> revoked ? Mono.error(new BadJwtException("The token has been revoked."))
                        : Mono.just(jwt)));
    }

    /** How far the clocks of the processes that issue and check tokens may differ. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    @Bean
    Tokens tokens(SecretKey tokenKey) {
        return Tokens.signedWith(tokenKey, Clock.systemUTC());
    }

}
