package io.cfychatops.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import io.cfychatops.chat.ChatException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Files upload v2 through the SDK's helper: {@code files.getUploadURLExternal}, the bytes POSTed to
 * the returned upload URL, then {@code files.completeUploadExternal} with {@code channel_id} and
 * {@code thread_ts} (scope {@code files:write}). No {@code files.info} afterwards ({@code
 * requestFileInfo(false)}): nothing here needs it.
 */
final class SlackFiles {
  private SlackFiles() {}

  static void upload(
      MethodsClient client,
      String channel,
      @Nullable String threadTs,
      String fileName,
      String title,
      byte[] content) {
    FilesUploadV2Response r;
    try {
      r =
          client.filesUploadV2(
              b ->
                  b.channel(channel)
                      .threadTs(threadTs)
                      .filename(fileName)
                      .title(title)
                      .fileData(content)
                      .requestFileInfo(false));
    } catch (IOException | SlackApiException e) {
      throw new ChatException("upload_failed", "Slack file upload failed: " + e.getMessage(), 0, e);
    }
    if (!r.isOk()) {
      throw new ChatException(
          r.getError() == null ? "upload_failed" : r.getError(),
          "Slack file upload failed: " + r.getError());
    }
  }
}
