// Builds the one shared-runtime page (task pane + custom functions), functions.json from the JSDoc,
// icons and the manifest into dist/. The data store serves dist/ on the same origin.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const officeJs = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** The page Excel loads (manifest: Runtime, Page and FunctionFile all point here). */
function page(filename, officeJsUrl) {
  return new HtmlWebpackPlugin({
    filename,
    template: "./src/taskpane/taskpane.html",
    chunks: ["functions", "taskpane"],
    chunksSortMode: "manual",
    templateParameters: { officeJsUrl },
  });
}

module.exports = (env, argv) => {
  const production = argv.mode !== "development";
  return {
    devtool: production ? "source-map" : "eval-source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      // the faculty app (src/faculty), served by the data store at / and /faculty
      "faculty/app": "./src/faculty/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.build.json" } },
        },
        { test: /\.(png|jpg|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      // Production page: office.js from Microsoft's CDN (AppSource requires it).
      page("taskpane.html", OFFICE_JS_CDN),
      // Same page with the local office.js, for offline development and the headless browser tests.
      page("taskpane.local.html", "assets/office-js/office.js"),
      // The faculty app's page; its script by absolute path, as the page is served at / and /faculty.
      new HtmlWebpackPlugin({ filename: "faculty/index.html", template: "./src/faculty/index.html", chunks: ["faculty/app"], publicPath: "/" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          {
            from: "{office.js,o15apptofilemappingtable.js,custom-functions-runtime.js,es6-promise.js,excel-*.js,en-us/**}",
            context: officeJs,
            to: "assets/office-js/",
            globOptions: { ignore: ["**/*.debug.js"] },
            // Already minified: skip Terser, which otherwise spends minutes on them (docs/TOOLCHAIN.md, item 7).
            info: { minimized: true },
          },
        ],
      }),
    ],
  };
};
