using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace Fawkes.Portal.Tests.Components;

/// <summary>A bUnit context with MudBlazor registered the way it works under xunit v2 (see TOOLCHAIN.md).</summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    protected BunitContext Ctx { get; } = new();

    protected ComponentTestBase()
    {
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
    }

    protected void Interactive() => Ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
