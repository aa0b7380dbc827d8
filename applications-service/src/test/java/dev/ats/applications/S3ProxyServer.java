package dev.ats.applications;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.service.documents.S3DocumentStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 server in the test JVM: S3Proxy over its in-memory store, on a free port, with AWS
 * signature checks, started on first use and kept for the JVM. The service's {@link
 * S3DocumentStorage} finds it through {@link #settings()} ({@code ats.documents.s3.*}) and its
 * credentials through the SDK's default chain (the {@code aws.accessKeyId}/{@code
 * aws.secretAccessKey} system properties, the chain's first link, as {@code AWS_ACCESS_KEY_ID}/
 * {@code AWS_SECRET_ACCESS_KEY} would be in production). The bucket is made here, as an operator
 * would.
 */
public final class S3ProxyServer {

  static final String BUCKET = "ats-documents-test";
  static final String PREFIX = "documents/";
  private static final String ACCESS_KEY = "ats-test-access";
  private static final String SECRET_KEY = "ats-test-secret";

  private static S3Proxy proxy;
  private static Switchable store;
  private static URI endpoint;

  private S3ProxyServer() {}

  /**
   * Starts the server once; the settings the service reads with {@code ats.documents.storage=s3}.
   */
  static synchronized DocumentsConfig.S3 settings() {
    if (proxy == null) {
      try {
        endpoint = URI.create("http://127.0.0.1:" + freePort());
        store = new Switchable(new TransientNio2BlobStore());
        proxy =
            S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> "STARTED".equals(proxy.getState()));
      } catch (Exception e) {
        throw new IllegalStateException("S3Proxy did not start", e);
      }
      try (S3Client s3 = client()) {
        s3.createBucket(b -> b.bucket(BUCKET));
      }
    }
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    return new Settings(
        Optional.of(BUCKET), Optional.of(endpoint.toString()), "eu-west-1", true, PREFIX);
  }

  private record Settings(
      Optional<String> bucket,
      Optional<String> endpoint,
      String region,
      boolean pathStyleAccess,
      String prefix)
      implements DocumentsConfig.S3 {}

  /** A client of the test server, with the test's credentials. */
  static S3Client client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint)
        .region(Region.EU_WEST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Whether the bucket holds an object under this key. */
  static boolean exists(String key) {
    try (S3Client s3 = client()) {
      s3.headObject(b -> b.bucket(BUCKET).key(key));
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  /** While true, the server refuses every object written (403 AccessDenied). */
  static void refuseWrites(boolean refuse) {
    store.refuseWrites = refuse;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static final class Switchable extends ForwardingBlobStore {
    volatile boolean refuseWrites;

    Switchable(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
      if (refuseWrites) {
        throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "writes refused by the test");
      }
      return super.putBlob(request, in);
    }
  }
}
