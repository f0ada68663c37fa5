# Driftwatch production image: `docker build -t driftwatch . && docker run -p 3978:3978 --env-file prod.env driftwatch`
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV npm_config_yes=true
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3978
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY bot ./bot
COPY cards ./cards
COPY core ./core
COPY sim ./sim
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/driftwatch.js", "serve"]
