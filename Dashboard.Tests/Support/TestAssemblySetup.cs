using System.Runtime.CompilerServices;
using Bunit;

namespace Dashboard.Tests.Support;

/// <summary>
/// Settings for the whole test assembly, applied once when it loads. On a 2-core CI machine the
/// thread pool starts with two workers; tests that run alongside (browser tests, in-process servers,
/// bUnit renders) can hold them long enough that a component's dispatcher never gets to run a
/// WaitFor check within bUnit's one-second default. A larger pool minimum and a longer default wait
/// keep those tests about the component, not the machine.
/// </summary>
internal static class TestAssemblySetup
{
    [ModuleInitializer]
    internal static void Apply()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), completionPorts);
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }
}
