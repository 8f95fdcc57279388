using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Features.Dojo.Reader;
using Fawkes.Portal.Features.Dojo.Review;
using Fawkes.Portal.Testing;
using Fawkes.Portal.Tests.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Tests.Features.Dojo;

/// <summary>The Dojo's real services over the written test content. No one signs in, so nothing reaches the database.</summary>
public abstract class DojoComponentTestBase : ComponentTestBase
{
    protected DojoTestContent Content { get; } = new();

    protected DojoComponentTestBase()
    {
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = Environments.Production, ContentRootPath = Content.Root,
        };
        var store = new DojoContentStore(Options.Create(new DojoOptions { ContentPath = "." }), environment, NullLogger<DojoContentStore>.Instance);
        Ctx.Services.AddSingleton(store);
        Ctx.Services.AddSingleton<ModuleRenderer>();
        Ctx.Services.AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        Ctx.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
        Ctx.Services.AddSingleton(TimeProvider.System);
        Ctx.Services.AddSingleton<ProgressStore>();
        Ctx.Services.AddSingleton<ProgressService>();
        Ctx.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Ctx.Services.AddSingleton<ReviewService>();
        Ctx.Services.AddSingleton<CertificateAwarder>();
        Ctx.Services.AddSingleton<QuizService>();
    }
}
