using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FluxOnnx.Ort.Native;

/// <summary>
/// The one native logging function every <see cref="OrtEnvironment"/> is created with. ORT keeps a single
/// environment per process and ignores the logger of later <c>CreateEnv*</c> calls, so the binding always installs
/// this trampoline and routes each message to the managed loggers registered at that moment. Messages with no
/// registered logger are dropped (the binding never prints). Exceptions thrown by a logger are swallowed: they must
/// not unwind into native code.
/// </summary>
internal static unsafe class OrtLogRouter
{
    private static ImmutableArray<Action<OrtLogLevel, string, string>> _sinks = ImmutableArray<Action<OrtLogLevel, string, string>>.Empty;

    public static nint FunctionPointer => (nint)(delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, byte*, byte*, void>)&OnLog;

    public static void Add(Action<OrtLogLevel, string, string> sink) =>
        ImmutableInterlocked.Update(ref _sinks, s => s.Add(sink));

    public static void Remove(Action<OrtLogLevel, string, string> sink) =>
        ImmutableInterlocked.Update(ref _sinks, s => s.Remove(sink));

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnLog(nint param, int severity, byte* category, byte* logId, byte* codeLocation, byte* message)
    {
        var sinks = _sinks;
        if (sinks.IsEmpty)
        {
            return;
        }
        try
        {
            var level = (OrtLogLevel)severity;
            var categoryText = NativeText.FromUtf8(category);
            var messageText = NativeText.FromUtf8(message);
            foreach (var sink in sinks)
            {
                sink(level, categoryText, messageText);
            }
        }
        catch (Exception)
        {
            // A logger failure must not cross into ORT; there is nowhere to report it.
        }
    }
}
