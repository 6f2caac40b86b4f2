package dev.flotilla.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.flotilla.common.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory of {@code *.json} files (each an array of objects) and {@code *.csv} files (a header
 * line, then one record per line), read in file-name order so that a cursor means the same record
 * on every attempt. CSV values arrive as text; a typed mapping ({@code "amount:number"}) is what
 * checks that they parse.
 */
public final class DirectorySource implements SyncSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

  private final Path directory;

  /**
   * The file the last page ended in: consecutive pages of one file are read from it once, not once
   * per page. Make one per extract attempt, so a retry reads files afresh.
   */
  private Path cachedFile;

  private JsonNode cachedArray;

  public DirectorySource(Path directory) {
    this.directory = directory;
  }

  @Override
  public void check() {
    if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
      throw new InvalidInputException(
          "source " + directory + " is not a readable directory of JSON or CSV files");
    }
  }

  @Override
  public Page page(Cursor cursor, int size) {
    List<Path> files = files();
    List<Record> records = new ArrayList<>();
    int file = cursor.file();
    int record = cursor.record();
    // One file is read whole; files are expected to be export-sized, not database-sized.
    while (file < files.size() && records.size() < size) {
      JsonNode array = cached(files.get(file));
      String name = files.get(file).getFileName().toString();
      while (record < array.size() && records.size() < size) {
        JsonNode node = array.get(record);
        if (!node.isObject()) {
          throw new InvalidInputException(
              name + " record " + record + " is not a JSON object: sources hold arrays of objects");
        }
        records.add(new Record(name + "#" + record, node.toString()));
        record++;
      }
      if (record >= array.size()) {
        file++;
        record = 0;
      }
    }
    return new Page(records, file < files.size() ? new Cursor(file, record) : null);
  }

  private List<Path> files() {
    check();
    try (Stream<Path> listing = Files.list(directory)) {
      return listing
          .filter(p -> isJson(p) || isCsv(p))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode cached(Path file) {
    if (!file.equals(cachedFile)) {
      cachedArray = isCsv(file) ? readCsv(file) : readJson(file);
      cachedFile = file;
    }
    return cachedArray;
  }

  private static boolean isJson(Path file) {
    return file.getFileName().toString().endsWith(".json");
  }

  private static boolean isCsv(Path file) {
    return file.getFileName().toString().endsWith(".csv");
  }

  private static JsonNode readJson(Path file) {
    JsonNode array;
    try {
      array = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(file.getFileName() + " is not valid JSON: " + e.getMessage());
    }
    if (array == null || !array.isArray()) {
      throw new InvalidInputException(file.getFileName() + " must hold a JSON array of objects");
    }
    return array;
  }

  /** The rows as objects keyed by the header's column names; an empty cell is a missing field. */
  private static JsonNode readCsv(Path file) {
    ArrayNode array = JSON.createArrayNode();
    try (MappingIterator<Map<String, String>> rows =
        CSV.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      while (rows.hasNext()) {
        var object = JSON.createObjectNode();
        rows.next()
            .forEach(
                (column, value) -> {
                  if (value != null && !value.isEmpty()) {
                    object.put(column, value);
                  }
                });
        array.add(object);
      }
    } catch (IOException | RuntimeJsonMappingException e) {
      throw new InvalidInputException(
          file.getFileName()
              + " is not valid CSV with a header line: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    return array;
  }
}
