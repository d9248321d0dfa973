using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.GpuFlavor.Tests;

/// <summary>
/// The flavor switch in build/OnnxRuntimeNative.targets, restored for real on a throwaway host project that imports
/// the repository's package versions and the targets file: a flavor whose package the feeds lack fails restore
/// naming the package (DirectML is not served here), and an unknown flavor fails naming the valid ones.
/// </summary>
public sealed class BuildFlavorTests(ITestOutputHelper output)
{
    [Fact]
    public void Directml_flavor_fails_restore_naming_the_package_it_needs()
    {
        var (exit, log) = Restore("directml");

        Assert.NotEqual(0, exit);
        Assert.Contains("NU1101", log);
        Assert.Contains("Microsoft.ML.OnnxRuntime.DirectML", log);
    }

    [Fact]
    public void Unknown_flavor_fails_naming_the_valid_flavors()
    {
        var (exit, log) = Restore("rocm");

        Assert.NotEqual(0, exit);
        Assert.Contains("FluxOrtFlavor='rocm' is not a known ONNX Runtime build flavor; use cpu, gpu or directml.", log);
    }

    private (int Exit, string Log) Restore(string flavor)
    {
        var repo = RepoRoot();
        var folder = Directory.CreateTempSubdirectory("fluxonnx-flavor-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"),
                $"<Project><Import Project=\"{Path.Combine(repo, "Directory.Packages.props")}\" /></Project>");
            File.WriteAllText(Path.Combine(folder, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <Import Project="{Path.Combine(repo, "build", "OnnxRuntimeNative.targets")}" />
                </Project>
                """);
            var start = new ProcessStartInfo("dotnet", ["restore", "Probe.csproj", $"-p:FluxOrtFlavor={flavor}", "-nologo"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet restore did not finish in 3 minutes");
            }
            var log = stdout.Result + stderr.Result;
            output.WriteLine(log);
            return (process.ExitCode, log);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FluxOnnx.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("FluxOnnx.sln not found above " + AppContext.BaseDirectory);
    }
}
