namespace FluxOnnx.Cli;

/// <summary>Where the CLI keeps the built-in model: $FLUX_CACHE_DIR, else $XDG_CACHE_HOME/fluxonnx, else ~/.cache/fluxonnx (LocalApplicationData on Windows).</summary>
public static class CachePaths
{
    public const string Variable = "FLUX_CACHE_DIR";

    public static string Root()
    {
        var explicitDir = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return explicitDir;
        }
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "FluxOnnx");
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(home, ".cache") : xdg, "fluxonnx");
    }
}
