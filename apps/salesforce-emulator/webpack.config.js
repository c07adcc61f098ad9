const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/salesforce-emulator'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      // The org's schema comes from Puente's Salesforce DX package (issue 17 §1): copied beside main.js so
      // that the image (docker/node-service.Dockerfile copies dist/apps/<app> only) finds it too.
      assets: [
        { input: 'salesforce', glob: 'sfdx-project.json', output: 'salesforce' },
        { input: 'salesforce/force-app', glob: '**/*', output: 'salesforce/force-app' },
      ],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      skipTypeChecking: true,
    }),
  ],
};
