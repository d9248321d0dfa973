namespace FluxOnnx.Ort;

/// <summary>Settings for <see cref="OrtEnvironment"/>.</summary>
/// <param name="LogLevel">Least severe level ORT's default loggers report.</param>
/// <param name="LogId">Identifier ORT puts on its log lines.</param>
/// <param name="Logger">
/// Receives ORT's log messages as (severity, category, message). Called on ORT's threads, possibly concurrently;
/// it must be quick and thread-safe. Null drops the messages.
/// </param>
public sealed record OrtEnvironmentSettings(
    OrtLogLevel LogLevel = OrtLogLevel.Warning,
    string LogId = "FluxOnnx",
    Action<OrtLogLevel, string, string>? Logger = null);
