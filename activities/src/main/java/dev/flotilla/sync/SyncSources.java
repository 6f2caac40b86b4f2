package dev.flotilla.sync;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Which {@link SyncSource} a request's {@code source} names: {@code http(s)://…} an HTTP JSON API,
 * {@code inventory[:scopeKey]} Flotilla's cloud inventory, anything else a directory of JSON and
 * CSV files. A new kind of source is one class and one line here.
 */
public final class SyncSources {
  private SyncSources() {}

  public static Function<String, SyncSource> of(DataSource inventory, HttpClient http) {
    return source -> {
      if (HttpJsonApiSource.names(source)) {
        return HttpJsonApiSource.of(source, http);
      }
      if (CloudInventorySource.names(source)) {
        return CloudInventorySource.of(source, inventory);
      }
      return new DirectorySource(Path.of(source));
    };
  }

  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(HttpJsonApiSource.TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }
}
