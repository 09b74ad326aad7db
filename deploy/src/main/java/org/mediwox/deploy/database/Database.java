package org.mediwox.deploy.database;

import java.util.List;
import java.util.Map;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.nag.Waiver;
import org.mediwox.deploy.network.Network;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.IClusterEngine;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.RotationSingleUserOptions;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * PostgreSQL for Mediwox: RDS for PostgreSQL Multi-AZ, or Aurora PostgreSQL with a writer and a reader in another
 * zone. Both: storage encrypted with the database key, TLS required ({@code rds.force_ssl}), only {@code btree_gist}
 * among the extensions ({@code rds.allowed_extensions}: the booking exclusion constraints need it, nothing else is
 * used), automated backups with point-in-time recovery, deletion protection, a snapshot when the stack is deleted,
 * and the master credentials generated into Secrets Manager, rotated every 30 days.
 */
public final class Database extends Construct {

    /** The database the server uses. */
    public static final String DATABASE_NAME = "mediwox";

    /** Parameters both engines get; the booking constraints' extension is the only one allowed. */
    static final Map<String, String> PARAMETERS = Map.of(
            "rds.force_ssl", "1",
            "rds.allowed_extensions", "btree_gist",
            "log_connections", "1",
            "log_disconnections", "1");

    private final SecurityGroup securityGroup;
    private final ISecret secret;
    private final String endpoint;
    private final String port;
    private final IConnectable connections;
    private final List<IMetric> metrics;

    public Database(Construct scope, String id, DeploySettings settings, Network network, IKey key) {
        super(scope, id);
        Vpc vpc = network.vpc();
        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(vpc)
                .description("Mediwox PostgreSQL: reached only from the tasks and the rotation function")
                .allowAllOutbound(false)
                .build();
        Credentials credentials = Credentials.fromGeneratedSecret(
                "mediwox",
                software.amazon.awscdk.services.rds.CredentialsBaseOptions.builder()
                        .encryptionKey(key)
                        .build());
        RotationSingleUserOptions rotation = RotationSingleUserOptions.builder()
                .automaticallyAfter(Duration.days(30))
                .vpcSubnets(Network.serviceSubnets())
                .build();
        if (settings.aurora()) {
            IClusterEngine engine = DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                    .version(AuroraPostgresEngineVersion.VER_17_9)
                    .build());
            DatabaseCluster cluster = DatabaseCluster.Builder.create(this, "Cluster")
                    .engine(engine)
                    .vpc(vpc)
                    .vpcSubnets(Network.dataSubnets())
                    .securityGroups(List.of(securityGroup))
                    .credentials(credentials)
                    .defaultDatabaseName(DATABASE_NAME)
                    .storageEncrypted(true)
                    .storageEncryptionKey(key)
                    .parameterGroup(ParameterGroup.Builder.create(this, "Parameters")
                            .engine(engine)
                            .parameters(PARAMETERS)
                            .build())
                    .writer(ClusterInstance.provisioned(
                            "Writer",
                            software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps.builder()
                                    .instanceType(new InstanceType(settings.databaseInstanceType()))
                                    .enablePerformanceInsights(true)
                                    .performanceInsightEncryptionKey(key)
                                    .build()))
                    .readers(List.of(ClusterInstance.provisioned(
                            "Reader",
                            software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps.builder()
                                    .instanceType(new InstanceType(settings.databaseInstanceType()))
                                    .enablePerformanceInsights(true)
                                    .performanceInsightEncryptionKey(key)
                                    .build())))
                    .backup(BackupProps.builder()
                            .retention(Duration.days(settings.backupRetentionDays()))
                            .build())
                    .deletionProtection(true)
                    .removalPolicy(RemovalPolicy.SNAPSHOT)
                    .cloudwatchLogsExports(List.of("postgresql"))
                    .cloudwatchLogsRetention(RetentionDays.ONE_YEAR)
                    .iamAuthentication(false)
                    .monitoringInterval(Duration.seconds(60))
                    .build();
            cluster.addRotationSingleUser(rotation);
            this.secret = cluster.getSecret();
            this.endpoint = cluster.getClusterEndpoint().getHostname();
            this.port = cluster.getClusterEndpoint().getPort().toString();
            this.connections = cluster;
            this.metrics = List.of(
                    cluster.metricCPUUtilization(),
                    cluster.metricDatabaseConnections(),
                    cluster.metricFreeLocalStorage());
        } else {
            IInstanceEngine engine = DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                    .version(PostgresEngineVersion.VER_17_9)
                    .build());
            DatabaseInstance instance = DatabaseInstance.Builder.create(this, "Instance")
                    .engine(engine)
                    .instanceType(new InstanceType(settings.databaseInstanceType()))
                    .vpc(vpc)
                    .vpcSubnets(Network.dataSubnets())
                    .securityGroups(List.of(securityGroup))
                    .credentials(credentials)
                    .databaseName(DATABASE_NAME)
                    .multiAz(true)
                    .allocatedStorage(settings.databaseStorageGiB())
                    .maxAllocatedStorage(settings.databaseStorageGiB() * 4)
                    .storageType(StorageType.GP3)
                    .storageEncrypted(true)
                    .storageEncryptionKey(key)
                    .parameterGroup(ParameterGroup.Builder.create(this, "Parameters")
                            .engine(engine)
                            .parameters(PARAMETERS)
                            .build())
                    .backupRetention(Duration.days(settings.backupRetentionDays()))
                    .deletionProtection(true)
                    .removalPolicy(RemovalPolicy.SNAPSHOT)
                    .autoMinorVersionUpgrade(true)
                    .enablePerformanceInsights(true)
                    .performanceInsightEncryptionKey(key)
                    .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                    .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
                    .cloudwatchLogsRetention(RetentionDays.ONE_YEAR)
                    .monitoringInterval(Duration.seconds(60))
                    .publiclyAccessible(false)
                    .build();
            instance.addRotationSingleUser(rotation);
            this.secret = instance.getSecret();
            this.endpoint = instance.getDbInstanceEndpointAddress();
            this.port = instance.getDbInstanceEndpointPort();
            this.connections = instance;
            this.metrics = List.of(
                    instance.metricCPUUtilization(),
                    instance.metricDatabaseConnections(),
                    instance.metricFreeStorageSpace());
        }
        Waiver.apply(
                this,
                Waiver.DEFAULT_DATABASE_PORT,
                Waiver.DATABASE_IAM_AUTH,
                Waiver.DATABASE_BACKUP_PLAN,
                Waiver.CUSTOM_RESOURCE_MANAGED_POLICY);
    }

    /** Lets the tasks connect. */
    public void allowFrom(IConnectable client) {
        connections.getConnections().allowDefaultPortFrom(client, "Mediwox tasks to PostgreSQL");
    }

    /** The master credentials ({@code username}, {@code password}), rotated. */
    public ISecret secret() {
        return secret;
    }

    /** The JDBC URL: TLS required by the server too ({@code sslmode=require}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + endpoint + ":" + port + "/" + DATABASE_NAME + "?sslmode=require";
    }

    /** CPU, connections, free storage: the alarms' metrics, in that order. */
    public List<IMetric> metrics() {
        return metrics;
    }
}
