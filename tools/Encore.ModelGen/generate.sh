#!/usr/bin/env bash
# Writes the compiled EF models the app runs on (src/Encore.Web/Data/CompiledModels/{Sqlite,Postgres}), one a provider,
# from the entities' configurations. Run it after changing an entity or its configuration: CompiledModelTests fails
# until you do. Needs the dotnet-ef tool (installed here if missing) and no database.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-ef >/dev/null || dotnet tool install --global dotnet-ef --version 10.0.15
dotnet build tools/Encore.ModelGen -nologo -v q
for provider in Sqlite Postgres; do
  out=src/Encore.Web/Data/CompiledModels/$provider
  rm -rf "$out"
  dotnet ef dbcontext optimize --no-build --project src/Encore.Web --startup-project tools/Encore.ModelGen --context EncoreDb \
    --output-dir "Data/CompiledModels/$provider" --namespace "Encore.Web.Data.CompiledModels.$provider" -- "${provider,,}" >/dev/null
  # The app picks the model by provider (Data/Database.cs UseEncoreDatabase); an assembly attribute a provider would
  # make EF pick one for every context.
  rm "$out/EncoreDbAssemblyAttributes.cs"
  echo "wrote $out ($(ls "$out" | wc -l) files)"
done
