package io.cfychatops.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What {@code metadata.json} says: the snapshot's version, the create execution and how many of the
 * three legacy schema revisions it names (the restore's {@code _is_legacy_snapshot} needs all
 * three; presence counts, whatever the value).
 */
record Metadata(String version, String executionId, int revisions) {

  /** Reads it within its budget; {@code null} when it is not a JSON object. */
  static Metadata read(
      JsonFactory json, InflateBudget budget, ArchiveLimits limits, ZipFile zip, ZipEntry e)
      throws IOException {
    try (JsonParser p = json.createParser(budget.open(zip, e, budget.metadata(e)))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String version = null;
      String exec = null;
      boolean[] rev = new boolean[3];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        switch (f) {
          case "snapshot_version" -> version = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "execution_id" -> exec = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "schema_revision" -> rev[0] = true;
          case "stage_schema_revision" -> rev[1] = true;
          case "composer_schema_revision" -> rev[2] = true;
          default -> {}
        }
        p.skipChildren();
      }
      return new Metadata(version, exec, (rev[0] ? 1 : 0) + (rev[1] ? 1 : 0) + (rev[2] ? 1 : 0));
    } catch (StreamConstraintsException ex) {
      throw new InflateBudget.LimitExceeded(
          ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED,
          "metadata.json passes a JSON limit (strings of "
              + limits.maxStringChars()
              + " chars, nesting depth "
              + limits.maxJsonDepth()
              + ")");
    } catch (JsonProcessingException ex) {
      return null;
    }
  }
}
