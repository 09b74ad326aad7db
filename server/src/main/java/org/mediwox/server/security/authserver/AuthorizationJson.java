package org.mediwox.server.security.authserver;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.security.jackson2.SecurityJackson2Modules;
import org.springframework.security.oauth2.server.authorization.jackson2.OAuth2AuthorizationServerJackson2Module;

/**
 * The JSON of stored authorizations: Spring Security's and Spring Authorization Server's Jackson modules (which refuse,
 * by an allowlist, to read any class they do not know) plus Mediwox's logged-in user, {@link SmartUser}, kept
 * as its user name, {@code fhirUser} and the patient it acts for only — never a password, never the authorities it is always given again.
 */
final class AuthorizationJson {

    private AuthorizationJson() {}

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        ClassLoader classLoader = AuthorizationJson.class.getClassLoader();
        mapper.registerModules(SecurityJackson2Modules.getModules(classLoader));
        mapper.registerModule(new OAuth2AuthorizationServerJackson2Module());
        mapper.registerModule(
                new SimpleModule("mediwox-authorization").setMixInAnnotation(SmartUser.class, SmartUserMixin.class));
        return mapper;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonAutoDetect(
            fieldVisibility = JsonAutoDetect.Visibility.NONE,
            getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonDeserialize(using = SmartUserDeserializer.class)
    abstract static class SmartUserMixin {

        @JsonProperty("username")
        abstract String getUsername();

        @JsonProperty("fhirUser")
        abstract String fhirUser();

        @JsonProperty("patientId")
        abstract String patientId();
    }

    /** Reads the user back with its credentials erased, as the login left it. */
    static final class SmartUserDeserializer extends JsonDeserializer<SmartUser> {

        @Override
        public SmartUser deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.getCodec().readTree(parser);
            SmartUser user = new SmartUser(
                    node.path("username").asText(),
                    "",
                    node.path("fhirUser").asText(),
                    node.hasNonNull("patientId") ? node.get("patientId").asText() : null);
            user.eraseCredentials();
            return user;
        }
    }
}
