namespace FluxOnnx.Ort;

/// <summary>ORT's <c>OrtLoggingLevel</c>: the least severe level that is reported. Numbers are the C enum's.</summary>
public enum OrtLogLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}
