// ${{ values.name }}: an ASP.NET Core minimal API.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Liveness and readiness: the process is up and serving requests.
app.MapGet("/health", () => Results.Ok(new HealthStatus("UP", "${{ values.name }}")));

app.Run();

public sealed record HealthStatus(string Status, string Service);

// The tests start the app through WebApplicationFactory<Program>, which needs a public Program.
public partial class Program;
