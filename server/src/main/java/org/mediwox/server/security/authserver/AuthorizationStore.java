package org.mediwox.server.security.authserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring Authorization Server's authorizations — codes, access, refresh and ID tokens with what they were granted for —
 * in PostgreSQL ({@code mediwox.oauth2_authorization}) through its own {@link JdbcOAuth2AuthorizationService}, so that a
 * code issued by one node is redeemed on another and a refresh token outlives a restart. Attributes are JSON written
 * with {@link AuthorizationJson}, which knows Mediwox's principal.
 */
final class AuthorizationStore {

    private AuthorizationStore() {}

    static OAuth2AuthorizationService jdbc(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(new MediwoxSchema(jdbc), clients);
        ObjectMapper json = AuthorizationJson.mapper();
        JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper rows =
                new JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper(clients);
        rows.setObjectMapper(json);
        JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper parameters =
                new JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper();
        parameters.setObjectMapper(json);
        service.setAuthorizationRowMapper(rows);
        service.setAuthorizationParametersMapper(parameters);
        return service;
    }

    /** Deletes authorizations whose every token has expired a day ago (Spring Authorization Server never does). */
    static int deleteExpired(JdbcTemplate jdbc) {
        return jdbc.update("delete from mediwox.oauth2_authorization where greatest(authorization_code_expires_at,"
                + " access_token_expires_at, refresh_token_expires_at) < now() - interval '1 day'");
    }

    /**
     * Spring Authorization Server names its table without a schema, and Mediwox's tables live in {@code mediwox}, not
     * on the search path (which stays HAPI's {@code public}): its statements — the only ones this template runs — get
     * the table qualified. Its column-type lookup ({@code DatabaseMetaData}) searches every schema and needs nothing.
     */
    static final class MediwoxSchema extends JdbcTemplate {

        private static final Pattern TABLE = Pattern.compile("\\boauth2_authorization\\b");

        MediwoxSchema(JdbcTemplate jdbc) {
            super(jdbc.getDataSource());
        }

        @Override
        public int update(String sql, PreparedStatementSetter setter) {
            return super.update(qualified(sql), setter);
        }

        @Override
        public <T> List<T> query(String sql, PreparedStatementSetter setter, RowMapper<T> rows) {
            return super.query(qualified(sql), setter, rows);
        }

        static String qualified(String sql) {
            return TABLE.matcher(sql).replaceAll("mediwox.oauth2_authorization");
        }
    }
}
