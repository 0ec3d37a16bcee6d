//! Family members: coverage by the worker's contribution, checks against the worker and the rest
//! of the family, changes with their version, removal that keeps the record.

use serde_json::{json, Value};
use tertib_domain::person::Gender;
use tertib_tests::registry::{child, details, member, nik, warnings, wife, worker, OTHER_KK};
use tertib_tests::{db_tests, TestApp};

fn coverage(family: &Value) -> Vec<(String, String)> {
    family
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["full_name"].as_str().unwrap().to_string(), m["coverage"].as_str().unwrap().to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

async fn a_wife_and_three_children_are_covered_and_a_fourth_child_is_extra(app: TestApp) {
    let director = app.director_token().await;
    let mut body = worker("Budi Santoso", 1);
    body["family"] = json!([
        wife(2),
        child("Adi", "2012-01-01", 3),
        child("Bayu", "2014-05-05", 4),
        child("Cahya", "2016-07-07", 5)
    ]);
    let created = app.create_worker(&director, &body).await;
    let path = format!("/api/v1/workers/{}/family", created["id"].as_str().unwrap());
    let family: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!(
        coverage(&family),
        pairs(&[("Dewi Lestari", "covered"), ("Adi", "covered"), ("Bayu", "covered"), ("Cahya", "covered")])
    );

    // The fourth child is an extra member (+1% of the wage), and HR is told.
    let (status, fourth) = app.json(app.post(&path, &director, &child("Dimas", "2019-09-09", 6)).await).await;
    assert_eq!(status, 201, "{fourth}");
    assert_eq!(fourth["coverage"], "extra");
    assert_eq!(warnings(&fourth), pairs(&[("relation", "child_is_extra")]));

    // The eldest leaves the family: the record stays, and the fourth child takes the free place.
    let adi = &family[1];
    let both = json!({"version": adi["version"], "removed": true, "full_name": "Adi Putra"});
    assert_eq!(app.patch(&format!("{path}/{}", adi["id"].as_str().unwrap()), &director, &both).await.status(), 400);
    let (status, removed) = app
        .json(
            app.patch(
                &format!("{path}/{}", adi["id"].as_str().unwrap()),
                &director,
                &json!({"version": adi["version"], "removed": true}),
            )
            .await,
        )
        .await;
    assert_eq!(status, 200, "{removed}");
    assert!(removed["removed_at"].is_string());
    assert_eq!(removed["coverage"], "not_covered");
    let family: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!(
        coverage(&family),
        pairs(&[("Dewi Lestari", "covered"), ("Bayu", "covered"), ("Cahya", "covered"), ("Dimas", "covered")])
    );
    assert!(warnings(&family[3]).is_empty(), "{family}");
    let everyone: Value = app.get(&format!("{path}?include_removed=true"), &director).await.json().await.unwrap();
    assert_eq!(everyone.as_array().unwrap().len(), 5);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM family_members").await, 5, "never deleted");

    // A removed member can no longer be changed.
    let (status, body) = app
        .json(
            app.patch(
                &format!("{path}/{}", adi["id"].as_str().unwrap()),
                &director,
                &json!({"version": removed["version"], "full_name": "Adi Putra"}),
            )
            .await,
        )
        .await;
    assert_eq!((status, details(&body)), (422, pairs(&[("removed", "family_member_removed")])));
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'family_member.remove'").await, 1);
}

async fn family_findings_name_the_members_fields(app: TestApp) {
    let director = app.director_token().await;
    let mut body = worker("Budi Santoso", 1);
    body["family"] = json!([wife(2)]);
    let created = app.create_worker(&director, &body).await;
    let path = format!("/api/v1/workers/{}/family", created["id"].as_str().unwrap());

    let cases = [
        // The worker's own NIK.
        (
            json!({"relation": "child", "nik": nik("1988-04-12", Gender::Male, 1), "full_name": "Adi", "birth_date": "1988-04-12", "gender": "male"}),
            vec![
                ("nik", "nik_same_as_worker"),
                ("birth_date", "child_older_than_worker"),
                ("birth_date", "child_over_age_limit"),
            ],
        ),
        // The wife's NIK again.
        (
            json!({"relation": "child", "nik": nik("1990-04-12", Gender::Female, 2), "full_name": "Ani", "birth_date": "1990-04-12", "gender": "female"}),
            vec![("nik", "nik_duplicate_in_family"), ("birth_date", "child_over_age_limit")],
        ),
        // A "mother" who is a man, with a birth date the NIK does not encode.
        (
            json!({"relation": "mother", "nik": nik("1960-01-01", Gender::Male, 7), "full_name": "Slamet", "birth_date": "1960-01-02", "gender": "male"}),
            vec![("nik", "nik_birth_date_mismatch"), ("relation", "relation_gender_mismatch")],
        ),
        // A husband for a male worker who has a wife already.
        (
            member("husband", "Joko", "1985-03-03", Gender::Male, 8),
            vec![("relation", "spouse_relation_worker_gender"), ("relation", "spouse_duplicate")],
        ),
        (json!({"relation": "cousin"}), vec![]),
    ];
    for (draft, want) in cases {
        let (status, answer) = app.json(app.post(&path, &director, &draft).await).await;
        if want.is_empty() {
            assert_eq!(status, 400, "an unknown relation cannot be read: {answer}");
            continue;
        }
        assert_eq!(status, 422, "{draft}: {answer}");
        let mut found = details(&answer);
        found.sort();
        let mut want = pairs(&want);
        want.sort();
        assert_eq!(found, want, "{draft}");
    }
    let family: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!(family.as_array().unwrap().len(), 1, "nothing refused was stored");

    // A spouse and children on another family card: saved, with a warning.
    let mut other_kk = child("Adi", "2012-01-01", 3);
    other_kk["kk_number"] = json!(OTHER_KK);
    let (status, saved) = app.json(app.post(&path, &director, &other_kk).await).await;
    assert_eq!(status, 201, "{saved}");
    assert_eq!(warnings(&saved), pairs(&[("kk_number", "kk_differs_from_worker")]));
}

async fn a_family_member_change_needs_the_current_version(app: TestApp) {
    let director = app.director_token().await;
    let mut body = worker("Budi Santoso", 1);
    body["family"] = json!([child("Adi", "2003-01-01", 3)]);
    let created = app.create_worker(&director, &body).await;
    let path = format!("/api/v1/workers/{}/family", created["id"].as_str().unwrap());
    let family: Value = app.get(&path, &director).await.json().await.unwrap();
    // 23 years old and not (yet) recorded as studying: not covered.
    assert_eq!(family[0]["coverage"], "not_covered");
    assert_eq!(warnings(&family[0]), pairs(&[("in_formal_education", "child_over_21_not_in_education")]));
    let member_path = format!("{path}/{}", family[0]["id"].as_str().unwrap());

    let (status, studying) = app
        .json(
            app.patch(
                &member_path,
                &director,
                &json!({"version": 1, "in_formal_education": true, "education_until": "2027-08-31"}),
            )
            .await,
        )
        .await;
    assert_eq!(status, 200, "{studying}");
    assert_eq!((studying["coverage"].as_str(), studying["version"].as_i64()), (Some("covered"), Some(2)));
    assert!(warnings(&studying).is_empty());
    assert_eq!(studying["full_name"], "Adi", "fields left out keep their value");

    let (status, stale) =
        app.json(app.patch(&member_path, &director, &json!({"version": 1, "full_name": "Adi Putra"})).await).await;
    assert_eq!((status, stale["code"].as_str()), (409, Some("version_conflict")));
    let (status, bad) =
        app.json(app.patch(&member_path, &director, &json!({"version": 2, "full_name": "Adi 2"})).await).await;
    assert_eq!((status, details(&bad)), (422, pairs(&[("full_name", "name_contains_digit")])));
    assert_eq!(app.patch(&format!("{path}/nope"), &director, &json!({"version": 1})).await.status(), 404);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'family_member.update'").await, 1);
}

/// A female worker born 12-04-1990 (`nik(1990-04-12, female, serial)`), so a man can be her husband.
fn woman(name: &str, serial: u16) -> Value {
    let mut body = worker(name, serial);
    body["nik"] = json!(nik("1990-04-12", Gender::Female, serial));
    body["birth_date"] = json!("1990-04-12");
    body["gender"] = json!("female");
    body
}

async fn post_en(app: &TestApp, path: &str, token: &str, body: &Value) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .header("Accept-Language", "en")
        .json(body)
        .send()
        .await
        .unwrap();
    app.json(res).await
}

async fn a_members_nik_cannot_be_a_workers_or_a_member_of_another_family(app: TestApp) {
    let director = app.director_token().await;
    let mut budi = worker("Budi Santoso", 1);
    budi["family"] = json!([child("Adi", "2015-01-01", 4)]);
    let budi = app.create_worker(&director, &budi).await;
    let budi_id = budi["id"].as_str().unwrap();
    let budi_family = format!("/api/v1/workers/{budi_id}/family");
    let adi: Value = app.get(&budi_family, &director).await.json().await.unwrap();
    let adi = adi[0].clone();
    let sari = app.create_worker(&director, &woman("Sari Wulandari", 9)).await;
    let sari_family = format!("/api/v1/workers/{}/family", sari["id"].as_str().unwrap());

    // Budi works here: he is a member in his own right, not Sari's husband on her card.
    let budi_as_husband = member("husband", "Budi Santoso", "1988-04-12", Gender::Male, 1);
    let (status, body) = app.json(app.post(&sari_family, &director, &budi_as_husband).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")), "{body}");
    assert_eq!(details(&body), pairs(&[("nik", "nik_taken"), ("existing_worker_id", "existing_record")]));
    assert_eq!(body["details"][1]["message"], budi_id);
    let message = body["details"][0]["message"].as_str().unwrap();
    assert!(message.contains("Budi Santoso") && message.contains("sebagai pekerja"), "{body}");
    let (_, english) = post_en(&app, &sari_family, &director, &budi_as_husband).await;
    assert!(english["details"][0]["message"].as_str().unwrap().contains("registered as the worker Budi Santoso"));

    // Adi is Budi's child: he is listed under one parent only.
    let adi_again = child("Adi", "2015-01-01", 4);
    let (status, body) = app.json(app.post(&sari_family, &director, &adi_again).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")), "{body}");
    assert_eq!(
        details(&body),
        pairs(&[
            ("nik", "nik_taken"),
            ("existing_worker_id", "existing_record"),
            ("existing_family_member_id", "existing_record")
        ])
    );
    assert_eq!((&body["details"][1]["message"], &body["details"][2]["message"]), (&json!(budi_id), &adi["id"]));
    let message = body["details"][0]["message"].as_str().unwrap();
    assert!(message.contains("anggota keluarga Budi Santoso") && message.contains("Adi"), "{body}");
    let (_, english) = post_en(&app, &sari_family, &director, &adi_again).await;
    assert!(
        english["details"][0]["message"].as_str().unwrap().contains("family member of Budi Santoso: Adi"),
        "{english}"
    );
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM family_members").await, 1, "nothing refused was stored");

    // Changing a member's NIK to Adi's is refused the same way, and changes nothing.
    let (status, bima) = app.json(app.post(&sari_family, &director, &child("Bima", "2015-01-01", 6)).await).await;
    assert_eq!(status, 201, "{bima}");
    let bima_path = format!("{sari_family}/{}", bima["id"].as_str().unwrap());
    let (status, body) =
        app.json(app.patch(&bima_path, &director, &json!({"version": 1, "nik": adi["nik"]})).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")), "{body}");
    assert_eq!(body["details"][2]["message"], adi["id"]);
    let (status, unchanged) =
        app.json(app.patch(&bima_path, &director, &json!({"version": 1, "full_name": "Bima Putra"})).await).await;
    assert_eq!(
        (status, unchanged["nik"].as_str()),
        (200, Some(nik("2015-01-01", Gender::Male, 6).as_str())),
        "{unchanged}"
    );

    // Once Adi is removed from Budi's family, he can be listed under Sari.
    let removed = json!({"version": adi["version"], "removed": true});
    assert_eq!(
        app.patch(&format!("{budi_family}/{}", adi["id"].as_str().unwrap()), &director, &removed).await.status(),
        200
    );
    let (status, moved) = app.json(app.post(&sari_family, &director, &adi_again).await).await;
    assert_eq!(status, 201, "{moved}");
}

async fn someone_who_left_and_is_no_longer_covered_can_be_a_workers_family_member(app: TestApp) {
    let director = app.director_token().await;
    let mut rina = woman("Rina Kartika", 11);
    rina["termination_date"] = json!("2024-06-30");
    rina["termination_reason"] = json!("resignation");
    app.create_worker(&director, &rina).await;
    let joko = app.create_worker(&director, &worker("Joko Susanto", 12)).await;
    let path = format!("/api/v1/workers/{}/family", joko["id"].as_str().unwrap());
    let (status, wife) = app
        .json(app.post(&path, &director, &member("wife", "Rina Kartika", "1990-04-12", Gender::Female, 11)).await)
        .await;
    assert_eq!((status, wife["coverage"].as_str()), (201, Some("covered")), "{wife}");
}

db_tests!(
    a_members_nik_cannot_be_a_workers_or_a_member_of_another_family,
    someone_who_left_and_is_no_longer_covered_can_be_a_workers_family_member,
    a_wife_and_three_children_are_covered_and_a_fourth_child_is_extra,
    family_findings_name_the_members_fields,
    a_family_member_change_needs_the_current_version,
);
