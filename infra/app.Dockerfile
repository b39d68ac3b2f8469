# The oO app: build with the Maven wrapper, run the packaged jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -DskipPythonTests package

FROM eclipse-temurin:17-jre
COPY --from=build /src/web/target/oo.jar /app/oo.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/oo.jar"]
