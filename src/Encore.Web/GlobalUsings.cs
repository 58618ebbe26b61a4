// What nearly every file of Encore.Web uses, said once (each file then names only what is particular to it).
global using System.Globalization;
global using System.Security.Claims;
global using System.Text.Json;
global using Encore.Domain;
global using Encore.Web.Audit;
global using Encore.Web.Data;
global using Encore.Web.HouseRules;
global using Encore.Web.Platform;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
