package org.mediwox.server.documents;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.jpa.binary.provider.BinaryAccessProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.time.Duration;
import org.mediwox.server.MediwoxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Documents: Binary content and large attachments in Amazon S3 (or the local file system in the zero-setup run)
 * through HAPI's binary storage SPI, with the size limit and content-type allowlist, {@code $binary-access-read} and
 * {@code $binary-access-write}, the sweeper of orphaned objects, and patients deleting their own uploads only.
 */
@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DocumentsConfiguration.class);

    @Bean
    ObjectStore documentObjectStore(DocumentProperties documents, MediwoxProperties mediwox) {
        long largestJson = documents.maxSize().toBytes() / 3 * 4 + 64 * 1024;
        if (mediwox.fhir().maxRequestSize().toBytes() < largestJson) {
            log.warn(
                    "mediwox.fhir.max-request-size ({}) is below what a FHIR JSON body carrying a document of"
                            + " mediwox.documents.max-size ({}) needs (~{} bytes, base64): such uploads get the"
                            + " request limit's 413",
                    mediwox.fhir().maxRequestSize(),
                    documents.maxSize(),
                    largestJson);
        }
        ObjectStore store = switch (documents.store()) {
            case FILESYSTEM -> new FilesystemObjectStore(mediwox.dataDir().resolve("documents"));
            case S3 ->
                new S3ObjectStore(s3Client(documents), documents.bucket(), documents.keyPrefix(), documents.kmsKeyId());
        };
        log.info("Documents are stored in {}", store.describe());
        return store;
    }

    /** Region, credentials and endpoint ({@code AWS_ENDPOINT_URL_S3}) from the AWS SDK's default providers. */
    private static S3Client s3Client(DocumentProperties documents) {
        return S3Client.builder()
                .forcePathStyle(documents.pathStyleAccess())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(20))
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .build())
                .build();
    }

    @Bean
    DocumentLedger documentLedger(JdbcTemplate jdbc) {
        return new DocumentLedger(jdbc);
    }

    @Bean
    ContentPolicy documentContentPolicy(DocumentProperties documents) {
        return new ContentPolicy(documents.maxSize(), documents.allowedContentTypes());
    }

    /** HAPI's binary interceptor and {@code $binary-access-*} provider find the storage by type. */
    @Bean
    @Primary
    IBinaryStorageSvc documentBinaryStorage(
            ObjectStore store,
            DocumentLedger ledger,
            ContentPolicy policy,
            DocumentProperties documents,
            ObjectProvider<DaoRegistry> daoRegistry) {
        return new DocumentBinaryStorage(
                store, ledger, policy, documents.inlineMaxSize().toBytes(), daoRegistry, Clock.systemUTC());
    }

    @Bean
    SmartInitializingSingleton registerDocumentStorage(
            IInterceptorService interceptors,
            BinaryStorageInterceptor<?> binaryStorageInterceptor,
            BinaryAccessProvider binaryAccessProvider,
            RestfulServer fhirServer,
            FhirContext fhirContext,
            ContentPolicy policy,
            DocumentLedger ledger,
            JdbcTemplate jdbc) {
        return () -> {
            // a document up to the size limit is returned inline when its resource is read
            binaryStorageInterceptor.setAutoInflateBinariesMaximumSize(2 * policy.maxBytes() + 1);
            interceptors.registerInterceptor(new ContentPolicyInterceptor(fhirContext, policy, ledger));
            interceptors.registerInterceptor(binaryStorageInterceptor);
            interceptors.registerInterceptor(new PatientUploads(jdbc));
            fhirServer.registerInterceptor(new BinaryAccessReads());
            fhirServer.registerProvider(binaryAccessProvider);
        };
    }

    /** Its {@code @Scheduled} sweep runs on the one background scheduler. */
    @Bean
    OrphanSweeper documentOrphanSweeper(ObjectStore store, DocumentLedger ledger, DocumentProperties documents) {
        return new OrphanSweeper(store, ledger, documents.orphanGracePeriod(), Clock.systemUTC());
    }
}
