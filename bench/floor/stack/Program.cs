using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using stack;

var builder = WebApplication.CreateBuilder(args);

var dbPath = Environment.GetEnvironmentVariable("DB") ?? "stack.db";
builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlite($"Data Source={dbPath}"));
builder.Services.AddIdentityCore<IdentityUser>()
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<AppDbContext>();
builder.Services.AddAuthentication().AddCookie();
builder.Services.AddAuthorization();
builder.Services.AddRazorPages();
builder.Services.AddSignalR();
builder.Services.AddOpenApi();
var keysDir = Environment.GetEnvironmentVariable("KEYS_DIR")
    ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dbPath))!, "keys");
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysDir));
builder.Services.AddAntiforgery();

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    db.Database.EnsureCreated();
    var products = db.Products.Where(p => p.IsActive).OrderBy(p => p.Name).Take(10).ToList();
    var orders = db.Orders.Where(o => o.Quantity > 0).OrderByDescending(o => o.OrderedAt).Take(10).ToList();
    app.Logger.LogInformation("Startup query: {P} products, {O} orders", products.Count, orders.Count);
}

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorPages();
app.MapHub<ChatHub>("/hub");
app.MapOpenApi();

for (var i = 0; i < 50; i++)
{
    var n = i;
    app.MapGet($"/api/x{n}", () => new Item(n, $"item{n}", n * 1.5m));
}

app.MapGet("/health", () => "ok");

app.Run();

public record Item(int Id, string Name, decimal Price);

public class ChatHub : Hub
{
    public Task Send(string message) => Clients.All.SendAsync("message", message);
}
