package org.keyward.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code key=value} arguments into a request body as the {@code vault} CLI does: {@code
 * key=@file} takes the file's contents, {@code key=-} reads stdin (so a secret never has to be on
 * the command line), and a lone {@code -} or {@code @file.json} is a whole JSON object. One
 * trailing newline is dropped from file and stdin values (what {@code echo} adds).
 */
final class TextInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextInput() {}

  static Map<String, Object> fields(List<String> args, CliContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (args.size() == 1 && (args.get(0).equals("-") || args.get(0).startsWith("@"))) {
      String text =
          args.get(0).equals("-")
              ? new String(ctx.readStdin("JSON body"), StandardCharsets.UTF_8)
              : readFile(args.get(0).substring(1));
      out.putAll(jsonObject(text));
      return out;
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        // name the position only: an argument without '=' may be a secret whose 'key=' was
        // forgotten
        throw new UsageException(
            "expected key=value, but field argument " + (i + 1) + " is not key=value");
      }
      String key = arg.substring(0, eq);
      out.put(key, value(key, arg.substring(eq + 1), ctx));
    }
    return out;
  }

  /** {@code -} is stdin, {@code @path} a file, anything else the value itself. */
  static String value(String what, String raw, CliContext ctx) {
    if (raw.equals("-")) {
      return ctx.readStdinText(what);
    }
    if (raw.startsWith("@")) {
      return chompNewline(readFile(raw.substring(1)));
    }
    return raw;
  }

  static String readFile(String path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  static byte[] readBytes(String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + path);
    } catch (IOException e) {
      throw new UsageException("cannot read " + path + ": " + e.getMessage());
    }
  }

  static Map<String, Object> jsonObject(String text) {
    try {
      return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new UsageException("input is not a JSON object");
    }
  }

  static String chompNewline(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
