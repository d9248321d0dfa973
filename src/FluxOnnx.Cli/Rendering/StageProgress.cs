using Spectre.Console;

namespace FluxOnnx.Cli.Rendering;

/// <summary>
/// Shows long work to the user: a Spectre.Console progress display on an interactive terminal, otherwise one
/// line on stderr per stage change (so logs of a CI job still show what happened). Reports arrive synchronously
/// from the library; this class is the only place that turns them into output.
/// </summary>
public sealed class StageProgress
{
    private readonly TextWriter _log;
    private readonly bool _interactive;
    private string? _lastStage;

    public StageProgress(TextWriter log)
    {
        _log = log;
        _interactive = !Console.IsErrorRedirected && !Console.IsOutputRedirected && ReferenceEquals(log, Console.Error);
    }

    /// <summary>Runs <paramref name="work"/> with a reporter; <paramref name="work"/> reports (stage, done, total).</summary>
    public T Run<T>(Func<Action<string, double, double>, T> work)
    {
        if (!_interactive)
        {
            return work(Line);
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = work((stage, done, total) =>
                {
                    if (!tasks.TryGetValue(stage, out var task))
                    {
                        task = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(total, 1));
                        tasks[stage] = task;
                    }
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = Math.Min(done, task.MaxValue);
                });
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            });
        return result;
    }

    private void Line(string stage, double done, double total)
    {
        if (stage != _lastStage)
        {
            _lastStage = stage;
            _log.WriteLine($"flux: {stage}...");
        }
    }
}
