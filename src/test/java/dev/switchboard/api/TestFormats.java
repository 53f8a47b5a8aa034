package dev.switchboard.api;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireFormat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Throwaway wire formats for edge tests: OpenAI's codecs under another name, other chat paths and
 * an error shape of their own ({@code {"type":"error","error":{"type":code,"message":...}}}), so a
 * test sees which format the edge chose. A proxy, so it follows the WireFormat interface as it
 * changes.
 */
final class TestFormats {
  private TestFormats() {}

  static WireFormat named(String name, List<String> chatPaths) {
    WireFormat openai = WireFormats.find("openai").orElseThrow();
    return (WireFormat)
        Proxy.newProxyInstance(
            WireFormat.class.getClassLoader(),
            new Class<?>[] {WireFormat.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "name" -> name;
                  case "chatPaths" -> chatPaths;
                  case "encodeError" -> error((GatewayError) args[0]);
                  case "toString" -> "TestFormat[" + name + "]";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> delegate(method, openai, args);
                });
  }

  private static Object delegate(java.lang.reflect.Method method, WireFormat to, Object[] args)
      throws Throwable {
    try {
      return method.invoke(to, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static ErrorBody error(GatewayError error) {
    var body = Json.object().put("type", "error");
    body.putObject("error").put("type", error.kind().code()).put("message", error.safeMessage());
    return new ErrorBody(error.kind().status(), Json.bytes(body));
  }
}
